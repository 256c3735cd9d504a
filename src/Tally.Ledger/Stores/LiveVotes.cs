namespace Tally.Ledger.Stores;

/// <summary>The live votes of one poll for one option in one region (null: cast without a region).</summary>
public readonly record struct LiveVotes(Guid PollId, int OptionId, string? Region, long Votes);
