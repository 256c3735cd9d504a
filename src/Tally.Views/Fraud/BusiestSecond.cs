namespace Tally.Views.Fraud;

/// <summary>
/// The busiest second (UTC, whole seconds) of votes sharing a key, counted as they come in log order: the latest second's
/// run, the longest run and where it starts. <see cref="WentBack"/>: a vote came in an earlier second than the one before
/// it, so runs are not whole seconds and <see cref="Velocity"/> counts again by sorting.
/// </summary>
internal struct BusiestSecond
{
    public long LastSecond;
    public int Run;
    public int RunFirst;
    public int Peak;
    public long PeakSecond;
    public int PeakFirst;
    public bool WentBack;

    public void Add(int position, long second)
    {
        if (Run > 0 && second == LastSecond)
        {
            Run++;
        }
        else
        {
            WentBack |= Run > 0 && second < LastSecond;
            LastSecond = second;
            Run = 1;
            RunFirst = position;
        }
        if (Run > Peak)
        {
            Peak = Run;
            PeakSecond = second;
            PeakFirst = RunFirst;
        }
    }
}
