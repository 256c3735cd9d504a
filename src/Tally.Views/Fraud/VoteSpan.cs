namespace Tally.Views.Fraud;

/// <summary>Where a cluster's votes were found: how many, the first one's position among the votes considered, their time span and busiest second.</summary>
internal struct VoteSpan
{
    public int Votes;
    public int First;
    public long MinTicks;
    public long MaxTicks;
    public BusiestSecond Busiest;

    public void Add(int position, long ticks)
    {
        // Counted here for every key, though only addresses report it: the span is in cache already, a second array is not.
        Busiest.Add(position, ticks / TimeSpan.TicksPerSecond);
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
