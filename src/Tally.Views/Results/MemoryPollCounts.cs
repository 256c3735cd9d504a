namespace Tally.Views.Results;

/// <summary>The daemon's working tally of one poll in memory; readers only see what <see cref="Freeze"/> hands out.</summary>
internal sealed class MemoryPollCounts(ResultsHeader header)
{
    private readonly long[] _votes = new long[header.Options.Count];
    private long _total;

    public ResultsHeader Header { get; set; } = header;

    public void Count(int optionId, int change)
    {
        _votes[optionId - 1] += change;
        _total += change;
    }

    public PollResults Freeze(Guid pollId) => Header.WithVotes(pollId, (long[])_votes.Clone(), _total);
}
