namespace Tally.Bench.Protocol;

public sealed record VoteRequest(int OptionId, string Region);
