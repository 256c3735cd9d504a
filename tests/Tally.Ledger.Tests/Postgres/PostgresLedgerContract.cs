using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>The ledger contract against PostgreSQL, on a fresh database per test; and what only this ledger measures.</summary>
public sealed class PostgresLedgerContract() : LedgerContract(new PostgresLedgerFixture())
{
    [Fact]
    public async Task ABatchReportsEachStageOnceAndItsRoundTrips()
    {
        var poll = await CreatePollAsync();
        var stages = new ConcurrentQueue<string>();
        var roundTrips = new ConcurrentQueue<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LedgerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, Ledger.Meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "tally.ledger.batch.stage.duration")
            {
                Assert.True(value >= 0);
                stages.Enqueue((string)tags[0].Value!);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "tally.ledger.batch.round_trips")
            {
                roundTrips.Enqueue(value);
            }
        });
        listener.Start();
        var batch = new[]
        {
            Cast(poll.Id, "alice", 1, key: "k-1"),
            Cast(poll.Id, "bob", 2),
            Cast(poll.Id, "alice", 2, key: "k-2"),
        }.Select(command => new PendingVote(command, Guid.CreateVersion7())).ToArray();

        Ledger.Batcher.Commit(batch);
        await Task.WhenAll(batch.Select(v => v.Outcome));

        Assert.Equal(
            [BatchStages.Append, BatchStages.Commit, BatchStages.Insert, BatchStages.Read],
            stages.Order(StringComparer.Ordinal));
        // Keys and polls; the votes; the events and keys; COMMIT.
        Assert.Equal(4, Assert.Single(roundTrips));
    }
}
