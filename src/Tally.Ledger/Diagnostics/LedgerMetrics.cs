using System.Diagnostics.Metrics;
using Tally.Domain.Ballots;
using Tally.Domain.Errors;

namespace Tally.Ledger.Diagnostics;

/// <summary>The write side's instruments, on the meter <c>Tally.Ledger</c>.</summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "Tally.Ledger";

    // An fsync takes from a fraction of a millisecond to tens; the exporters' default buckets are for milliseconds.
    private static readonly double[] CommitBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitTime;
    private readonly Histogram<double> _stageTime;
    private readonly Histogram<int> _roundTrips;

    public LedgerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("tally.ledger.votes.accepted", "{vote}", "Votes answered with a receipt (replays of a stored answer included).");
        _rejected = meter.CreateCounter<long>("tally.ledger.votes.rejected", "{vote}", "Votes refused by a rule, tagged with the refusal's code.");
        _batchSize = meter.CreateHistogram<int>("tally.ledger.batch.size", "{vote}", "Votes per group-commit transaction.");
        _commitTime = meter.CreateHistogram("tally.ledger.commit.duration", "s", "From a batch's write to its votes being durable.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitBuckets });
        _stageTime = meter.CreateHistogram("tally.ledger.batch.stage.duration", "s",
            "Time a group-commit batch spends in one stage (tag stage: read, insert, append, commit, durable).", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitBuckets });
        _roundTrips = meter.CreateHistogram<int>("tally.ledger.batch.round_trips", "{round_trip}",
            "Round trips to the database server one group-commit batch took (PostgreSQL; SQLite has none).");
    }

    /// <param name="stage">One of <see cref="BatchStages"/>.</param>
    public void BatchStage(string stage, TimeSpan elapsed) =>
        _stageTime.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void BatchRoundTrips(int roundTrips) => _roundTrips.Record(roundTrips);

    public void BatchFormed(int votes) => _batchSize.Record(votes);

    public void Answered(ReadOnlySpan<Outcome<VoteReceipt>> outcomes, TimeSpan commitTime)
    {
        _commitTime.Record(commitTime.TotalSeconds);
        var accepted = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Rejection is { } rejection)
            {
                _rejected.Add(1, new KeyValuePair<string, object?>("code", rejection.Code));
            }
            else
            {
                accepted++;
            }
        }
        _accepted.Add(accepted);
    }
}
