namespace Tally.Ledger.Recounts;

public sealed record OptionVotes(int OptionId, long Votes);
