namespace Tally.Views.Fraud;

/// <summary>Where a cluster's votes were found: how many, the first one's position among the votes considered, and their time span.</summary>
internal struct VoteSpan
{
    public int Votes;
    public int First;
    public long MinTicks;
    public long MaxTicks;

    public void Add(int position, long ticks)
    {
        if (Votes++ == 0)
        {
            First = position;
            MinTicks = ticks;
            MaxTicks = ticks;
            return;
        }
        MinTicks = Math.Min(MinTicks, ticks);
        MaxTicks = Math.Max(MaxTicks, ticks);
    }
}
