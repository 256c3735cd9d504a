namespace Tally.Bench.Naive;

/// <summary>One row of the results query: an option and how many votes it has.</summary>
public readonly record struct OptionCount(int OptionId, long Votes);
