using System.Text.Json.Serialization;

namespace Tally.Domain.Events;

/// <summary>
/// A live vote withdrawn. Carries the original choice so views can undo it without asking the ledger. An admin's
/// retraction names the admin and the reason; a voter's own carries neither (left out of the payload, as before they existed).
/// </summary>
public sealed record VoteRetracted(
    Guid VoteId,
    Guid PollId,
    string VoterId,
    int OptionId,
    string? Region,
    DateTimeOffset RetractedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RetractedBy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
    : LedgerEvent(PollId);
