using System.Text.Json.Serialization;

namespace Tally.Domain.Events;

/// <summary>
/// A vote recorded. The client's address and user agent ride along for fraud review (admin views only); events written
/// before they were recorded carry none, and a missing one is left out of the payload so older events keep their fingerprint.
/// </summary>
public sealed record VoteCast(
    Guid VoteId,
    Guid PollId,
    string VoterId,
    int OptionId,
    string? Region,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IpAddress = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserAgent = null)
    : LedgerEvent(PollId);
