using HdrHistogram;

namespace Tally.Bench.Live;

/// <summary>One viewer count's figures, from the first vote to the last viewer seeing the last one (the window).</summary>
/// <param name="Events">Events delivered in the window, by <see cref="LiveEvent"/>, over all viewers.</param>
/// <param name="Bytes">Their data bytes, likewise.</param>
/// <param name="Lag">From a vote's 201 to each viewer's first results at or past its sequence, microseconds.</param>
/// <param name="Early">Lags where that results arrived before the 201 (recorded as 0).</param>
/// <param name="Missed">Vote × viewer pairs where no such results ever came.</param>
/// <param name="Behind">Viewers whose last results was short of the last vote's sequence when the run ended.</param>
public sealed record LiveRun(
    int Viewers,
    TimeSpan Connect,
    long RssBefore,
    long RssConnected,
    long RssPeak,
    long Votes,
    long VoteErrors,
    LongHistogram VoteLatency,
    TimeSpan Window,
    TimeSpan ServerCpu,
    TimeSpan BenchCpu,
    long[] Events,
    long[] Bytes,
    long MinResults,
    long MaxResults,
    LongHistogram Lag,
    long Early,
    long Missed,
    int Behind,
    int Faults)
{
    public long AllEvents => Events.Sum();
}
