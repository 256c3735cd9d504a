namespace Tally.Bench.VoteInsert;

/// <summary>One vote as the group commit hands it to the insert: the columns of vote_records the statement fills.</summary>
public readonly record struct VoteRow(
    Guid VoteId, Guid PollId, string VoterId, int OptionId, string? Region, string? IpAddress, string? UserAgent);
