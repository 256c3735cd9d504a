namespace Tally.Sync.Counting;

/// <summary>How a counting view cuts a poll's live votes: per option over every region, or per option and region.</summary>
public enum CountShape
{
    ByOption,
    ByOptionAndRegion,
}
