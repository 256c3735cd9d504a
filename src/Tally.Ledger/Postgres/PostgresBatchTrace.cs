using System.Diagnostics;
using Tally.Ledger.Diagnostics;

namespace Tally.Ledger.Postgres;

/// <summary>Times one group-commit batch's stages and counts its round trips to the server, for <see cref="LedgerMetrics"/>.</summary>
internal sealed class PostgresBatchTrace(LedgerMetrics metrics)
{
    private long _stageStarted = Stopwatch.GetTimestamp();
    private int _roundTrips;

    /// <summary>A statement (or a batch of them) was sent and its answer read.</summary>
    public void RoundTrip() => _roundTrips++;

    /// <summary>Ends <paramref name="stage"/> (one of <see cref="BatchStages"/>) now; the next stage starts here.</summary>
    public void Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        metrics.BatchStage(stage, Stopwatch.GetElapsedTime(_stageStarted, now));
        _stageStarted = now;
    }

    /// <summary>The COMMIT came back: on PostgreSQL the batch is durable then (synchronous_commit), so no later stage.</summary>
    public void Committed()
    {
        RoundTrip();
        Lap(BatchStages.Commit);
        metrics.BatchRoundTrips(_roundTrips);
    }
}
