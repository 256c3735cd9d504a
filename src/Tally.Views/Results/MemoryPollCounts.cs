namespace Tally.Views.Results;

/// <summary>The daemon's working tally of one poll in memory; readers only see what <see cref="Freeze"/> hands out.</summary>
internal sealed class MemoryPollCounts(ResultsHeader header, long[] votes, DateTimeOffset? changedByAdminAt)
{
    private long _total = votes.Sum();

    public MemoryPollCounts(ResultsHeader header)
        : this(header, new long[header.Options.Count], null)
    {
    }

    public ResultsHeader Header { get; set; } = header;

    /// <summary>When an admin last retracted or reinstated one of the poll's votes.</summary>
    public DateTimeOffset? ChangedByAdminAt { get; set; } = changedByAdminAt;

    public void Count(int optionId, int change)
    {
        votes[optionId - 1] += change;
        _total += change;
    }

    public PollResults Freeze(Guid pollId) => Header.WithVotes(pollId, (long[])votes.Clone(), _total, ChangedByAdminAt);
}
