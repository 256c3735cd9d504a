using Tally.Domain.Ballots;

namespace Tally.Server.Contracts;

public sealed record CastVoteRequest(int? OptionId, string? Region);

public sealed record VoteResponse(Guid VoteId, Guid PollId, int OptionId, string? Region, DateTimeOffset RecordedAt, long Sequence)
{
    public static VoteResponse From(VoteReceipt r) => new(r.VoteId, r.PollId, r.OptionId, r.Region, r.RecordedAt, r.Sequence);
}

public sealed record RetractionResponse(Guid VoteId, Guid PollId, int OptionId, DateTimeOffset RetractedAt, long Sequence);

public sealed record VoterStatusResponse(bool HasVoted, Guid? VoteId, int? OptionId, DateTimeOffset? VotedAt, long Sequence);
