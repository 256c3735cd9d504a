namespace Tally.Domain.Polls;

/// <summary>A poll as the ledger knows it: its question, its choices and its voting window.</summary>
public sealed record Poll(
    Guid Id,
    string OwnerId,
    string Title,
    string? Description,
    IReadOnlyList<PollOption> Options,
    IReadOnlyList<string> Regions,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    PollSettings Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt)
{
    public PollStatus StatusAt(DateTimeOffset now) => PollSchedule.StatusAt(StartTime, EndTime, ClosedAt, now);

    public bool IsOpenAt(DateTimeOffset now) => StatusAt(now) == PollStatus.Open;

    public bool HasOption(int optionId) => optionId >= 1 && optionId <= Options.Count;

    public bool HasRegion(string region)
    {
        foreach (var r in Regions)
        {
            if (string.Equals(r, region, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
