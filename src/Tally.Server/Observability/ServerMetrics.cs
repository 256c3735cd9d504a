using System.Diagnostics.Metrics;
using Tally.Server.Limits;

namespace Tally.Server.Observability;

/// <summary>The HTTP host's instruments, on the meter <c>Tally.Server</c>.</summary>
public sealed class ServerMetrics
{
    public const string MeterName = "Tally.Server";

    // Votes answer in about a millisecond on a quiet node and in tens under load; the defaults are buckets in milliseconds.
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _voteDuration;
    private readonly Counter<long> _rateLimited;
    private readonly UpDownCounter<long> _liveStreams;

    public ServerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _voteDuration = meter.CreateHistogram("tally.server.vote.duration", "s",
            "From the vote endpoint receiving a ballot to its answer (receipt or refusal).", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _rateLimited = meter.CreateCounter<long>("tally.server.rate_limit.rejections", "{request}", "Requests refused by a limit, tagged with the limited action.");
        _liveStreams = meter.CreateUpDownCounter<long>("tally.server.live.streams", "{stream}", "Live result streams open on this node.");
    }

    public void VoteAnswered(TimeSpan duration) => _voteDuration.Record(duration.TotalSeconds);

    public void RateLimited(LimitedAction? action) => _rateLimited.Add(1, new KeyValuePair<string, object?>("action", TagOf(action)));

    public void LiveStreamOpened() => _liveStreams.Add(1);

    public void LiveStreamClosed() => _liveStreams.Add(-1);

    // Literal strings, so a refusal allocates no tag text.
    private static string TagOf(LimitedAction? action) => action switch
    {
        LimitedAction.Vote => "vote",
        LimitedAction.CreatePoll => "create_poll",
        LimitedAction.Search => "search",
        LimitedAction.Register => "register",
        LimitedAction.Login => "login",
        LimitedAction.LiveStream => "live_stream",
        _ => "other",
    };
}
