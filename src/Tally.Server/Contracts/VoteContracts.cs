using System.Text.Json.Serialization;
using Tally.Domain.Ballots;
using Tally.Views.VoterStatus;

namespace Tally.Server.Contracts;

/// <remarks>Properties rather than a constructor: the serializer then reads a vote's body without the argument buffers a constructor needs.</remarks>
public sealed record CastVoteRequest
{
    public int? OptionId { get; init; }

    public string? Region { get; init; }
}

public sealed record VoteResponse(Guid VoteId, Guid PollId, int OptionId, string? Region, DateTimeOffset RecordedAt, long Sequence)
{
    public static VoteResponse From(VoteReceipt r) => new(r.VoteId, r.PollId, r.OptionId, r.Region, r.RecordedAt, r.Sequence);
}

public sealed record RetractionResponse(Guid VoteId, Guid PollId, int OptionId, DateTimeOffset RetractedAt, long Sequence);

/// <summary>The caller's vote in a poll; <see cref="Retraction"/> only when an admin retracted it (has_voted is false then).</summary>
public sealed record VoterStatusResponse(
    bool HasVoted,
    Guid? VoteId,
    int? OptionId,
    DateTimeOffset? VotedAt,
    long Sequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdminRetractionResponse? Retraction = null)
{
    public static VoterStatusResponse From(VoterBallot? ballot, long sequence) => ballot switch
    {
        null => new(false, null, null, null, sequence),
        { IsLive: true } => new(true, ballot.VoteId, ballot.OptionId, ballot.VotedAt, sequence),
        _ => new(false, null, null, null, sequence, new AdminRetractionResponse(ballot.VoteId, ballot.OptionId, ballot.RetractedAt!.Value, ballot.RetractionReason)),
    };
}

/// <summary>An admin's retraction of the caller's vote, and why.</summary>
public sealed record AdminRetractionResponse(Guid VoteId, int OptionId, DateTimeOffset RetractedAt, string? Reason);
