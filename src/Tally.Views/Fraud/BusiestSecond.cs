namespace Tally.Views.Fraud;

/// <summary>One address's run of votes in its latest second so far, and its busiest second: how many, which, and the first vote there.</summary>
internal struct BusiestSecond
{
    public long LastSecond;
    public int Run;
    public int RunFirst;
    public int Peak;
    public long PeakSecond;
    public int PeakFirst;
}
