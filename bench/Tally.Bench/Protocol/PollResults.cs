namespace Tally.Bench.Protocol;

public sealed record PollResults(string PollId, string Status, long TotalVotes, DateTimeOffset? AsOf, long Sequence, IReadOnlyList<OptionResult> Options);

public sealed record OptionResult(int OptionId, string Label, long Votes, double Percentage);
