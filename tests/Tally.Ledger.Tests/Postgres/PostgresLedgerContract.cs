using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
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
            [BatchStages.Commit, BatchStages.Insert, BatchStages.Read],
            stages.Order(StringComparer.Ordinal));
        // Keys and polls; the votes with their events and keys; COMMIT.
        Assert.Equal(3, Assert.Single(roundTrips));
    }

    [Fact]
    public async Task ABatchJudgedInSeveralRoundsAppendsItsAcceptedVotesInBatchOrderOnce()
    {
        var first = await CreatePollAsync();
        var second = await CreatePollAsync();
        await VoteOkAsync(first, "carol", 3);
        var head = await HighWaterMarkAsync();
        // One key for two ballots holds the second vote, and every vote after it, back for a second round.
        var appendedInTheLastRound = await CommitAsync(
            Cast(first.Id, "alice", 1, key: "k-1"),
            Cast(second.Id, "alice", 1, key: "k-1"),
            Cast(first.Id, "bob", 2));
        var appendedAfterAnEmptyLastRound = await CommitAsync(
            Cast(first.Id, "dave", 1, key: "k-2"),
            Cast(second.Id, "dave", 2, key: "k-2"));
        var lostInTheFirstRound = await CommitAsync(
            Cast(first.Id, "carol", 1, key: "k-3"),
            Cast(second.Id, "carol", 1, key: "k-3"));

        Assert.Equal([null, ErrorCodes.IdempotencyKeyReused, null], appendedInTheLastRound.Select(o => o.Outcome.Rejection?.Code));
        Assert.Equal([null, ErrorCodes.IdempotencyKeyReused], appendedAfterAnEmptyLastRound.Select(o => o.Outcome.Rejection?.Code));
        Assert.Equal([ErrorCodes.AlreadyVoted, null], lostInTheFirstRound.Select(o => o.Outcome.Rejection?.Code));
        var accepted = appendedInTheLastRound.Concat(appendedAfterAnEmptyLastRound).Concat(lostInTheFirstRound)
            .Where(v => v.Outcome.Succeeded).ToArray();
        Assert.Equal(Enumerable.Range(1, 4).Select(n => head + n), accepted.Select(v => v.Outcome.Value!.Sequence));
        Assert.All(accepted, v => Assert.Equal(v.VoteId, v.Outcome.Value!.VoteId));
        var events = await Ledger.Events.ReadAfterAsync(head, 100, Ct);
        Assert.Equal(accepted.Select(v => v.VoteId), events.Select(e => Assert.IsType<VoteCast>(e.Event).VoteId));
        Assert.Equal(accepted.Select(v => v.Outcome.Value!.Sequence), events.Select(e => e.Sequence));
        // Each stored key replays its vote's receipt.
        Assert.Equal(accepted[0].Outcome.Value, (await VoteAsync(first, "alice", 1, key: "k-1")).Value);
        Assert.Equal(accepted[2].Outcome.Value, (await VoteAsync(first, "dave", 1, key: "k-2")).Value);
        Assert.Equal(accepted[3].Outcome.Value, (await VoteAsync(second, "carol", 1, key: "k-3")).Value);
    }

    private async Task<(Guid VoteId, Outcome<VoteReceipt> Outcome)[]> CommitAsync(params CastVote[] commands)
    {
        var batch = commands.Select(command => new PendingVote(command, Guid.CreateVersion7())).ToArray();
        Ledger.Batcher.Commit(batch);
        var outcomes = await Task.WhenAll(batch.Select(v => v.Outcome));
        return [.. batch.Select((v, i) => (v.VoteId, outcomes[i]))];
    }
}
