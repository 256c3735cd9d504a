namespace Tally.Bench.Naive;

/// <summary>A poll as the naive server keeps it: option ids are 1-based positions in <see cref="Options"/>.</summary>
public sealed record NaivePoll(Guid Id, string Title, string[] Options, string[] Regions)
{
    public bool HasOption(int optionId) => optionId >= 1 && optionId <= Options.Length;
}
