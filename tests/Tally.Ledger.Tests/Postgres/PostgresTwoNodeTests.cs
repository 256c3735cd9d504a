using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.EventLog;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Postgres;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// Two ledger nodes — two service providers, each with its own NpgsqlDataSource, batcher and handlers — writing one
/// database at once, as two server processes would. What the log promises a tailing reader must hold across them.
/// </summary>
public sealed class PostgresTwoNodeTests : IAsyncLifetime
{
    private static readonly ClientInfo Client = new("198.51.100.4", "tally-tests/1.0");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly PostgresLedgerFixture _fixture = new();
    private LedgerHost _nodeA = null!;
    private LedgerHost _nodeB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Both nodes start on the empty database at once: their migrations race for the advisory lock.
        var a = LedgerHost.StartAsync(_fixture, TimeProvider.System, Ct);
        var b = LedgerHost.StartAsync(_fixture, TimeProvider.System, Ct);
        _nodeA = await a;
        _nodeB = await b;
    }

    public async ValueTask DisposeAsync()
    {
        if (_nodeA is not null)
        {
            await _nodeA.DisposeAsync();
        }
        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesStartingAtOnceApplyEachMigrationOnce()
    {
        await using var connection = await _fixture.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt32(0));
        }
        Assert.Equal(Enumerable.Range(1, PostgresSchema.Migrations.Length), versions);
    }

    [Fact]
    public async Task ATailingReaderSeesEveryCommittedEventOnceInOrderAndNothingFromRolledBackTransactions()
    {
        var poll = await CreatePollAsync(_nodeA);
        var writersDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = Task.Run(() => TailAsync(_nodeB.Events, writersDone.Task), Ct);

        var receipts = new List<Task<VoteReceipt[]>>
        {
            // Votes through each node's handlers and group commit.
            Task.Run(() => CastManyAsync(_nodeA, poll, "a1", 120), Ct),
            Task.Run(() => CastManyAsync(_nodeA, poll, "a2", 120), Ct),
            Task.Run(() => CastManyAsync(_nodeB, poll, "b1", 120), Ct),
            Task.Run(() => CastManyAsync(_nodeB, poll, "b2", 120), Ct),
            // Batches straight into each node's store, in transactions of their own beside the batchers'.
            Task.Run(() => CommitBatchesAsync(_nodeA, poll, "sa", 15, 8), Ct),
            Task.Run(() => CommitBatchesAsync(_nodeB, poll, "sb", 15, 8), Ct),
        };
        var retractions = Task.Run(() => VoteAndRetractAsync(_nodeB, poll, "r", 25), Ct);
        var polls = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await CreatePollAsync(i % 2 == 0 ? _nodeA : _nodeB);
            }
        }, Ct);
        var rolledBack = Task.Run(() => RollBackRepeatedlyAsync(poll, 25), Ct);
        // Mid-stream: one transaction holds event_head while everyone else queues behind it, then commits late; another
        // holds it just as long and then rolls back.
        await WaitForHeadAsync(100);
        await AppendRawAsync(poll, "held-then-committed", hold: TimeSpan.FromMilliseconds(400), commit: true);
        await WaitForHeadAsync(300);
        await AppendRawAsync(poll, "held-then-rolled-back", hold: TimeSpan.FromMilliseconds(400), commit: false);

        var votes = (await Task.WhenAll(receipts).WaitAsync(Limit, Ct)).SelectMany(r => r).ToArray();
        var retracted = await retractions.WaitAsync(Limit, Ct);
        await polls.WaitAsync(Limit, Ct);
        await rolledBack.WaitAsync(Limit, Ct);
        writersDone.SetResult();
        var (seen, headsObserved) = await tail.WaitAsync(Limit, Ct);

        var head = await _nodeA.Events.ReadHighWaterMarkAsync(Ct);
        var log = await _nodeA.Events.ReadAfterAsync(0, int.MaxValue, Ct);
        // Exactly once and in order, without gaps: the reader saw 1, 2, …, head, which is the whole committed log.
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), seen.Select(e => e.Sequence));
        Assert.Equal(log.Select(e => (e.Sequence, e.RecordedAt, e.Event.GetType())), seen.Select(e => (e.Sequence, e.RecordedAt, e.Event.GetType())));
        Assert.True(headsObserved > 10, $"the reader saw the head move only {headsObserved} times; it did not tail the writers");
        var casts = seen.Select(e => e.Event).OfType<VoteCast>().ToArray();
        Assert.DoesNotContain(casts, c => c.VoterId.Contains("rolled-back", StringComparison.Ordinal));
        Assert.Single(casts, c => c.VoterId == "held-then-committed");
        // Every acknowledged vote and retraction is in the log, at the sequence its receipt gave.
        var bySequence = seen.ToDictionary(e => e.Sequence, e => e.Event);
        Assert.All(votes, v => Assert.Equal(v.VoteId, Assert.IsType<VoteCast>(bySequence[v.Sequence]).VoteId));
        Assert.All(retracted, r => Assert.Equal(r.VoteId, Assert.IsType<VoteRetracted>(bySequence[r.Sequence]).VoteId));
        Assert.Equal(votes.Length + retracted.Length + 1, casts.Length);
        Assert.Equal(11, seen.Count(e => e.Event is PollCreated));
        Assert.Equal(votes.Length, (await _nodeA.Votes.CountLiveVotesAsync(poll.Id, Ct)).Values.Sum());
    }

    [Fact]
    public async Task RetriesOfOneKeyedVoteOnBothNodesAtOnceShareOneReceipt()
    {
        var poll = await CreatePollAsync(_nodeA);
        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _nodeA : _nodeB).CastVote.HandleAsync(new CastVote(new Ballot(poll.Id, "voter-1", 2, null), "retry-me", Client), Ct), Ct));

        var outcomes = await Task.WhenAll(attempts);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Rejection?.Code));
        Assert.Single(outcomes.Select(o => o.Value).Distinct());
        Assert.Single(await _fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
    }

    [Fact]
    public async Task AttemptsByOneVoterOnBothNodesAtOnceRecordOneVote()
    {
        var poll = await CreatePollAsync(_nodeB);
        var attempts = Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _nodeA : _nodeB).CastVote.HandleAsync(new CastVote(new Ballot(poll.Id, "voter-1", i % 3 + 1, null), null, Client), Ct), Ct));

        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(99, outcomes.Count(o => o.Rejection?.Code == ErrorCodes.AlreadyVoted));
        Assert.Single(await _fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
    }

    /// <summary>What a projection daemon does: read the high-water mark, consume up to it from its checkpoint, repeat.</summary>
    private static async Task<(List<StoredEvent> Seen, int HeadsObserved)> TailAsync(Stores.IEventLog log, Task writersDone)
    {
        var seen = new List<StoredEvent>();
        var checkpoint = 0L;
        var heads = new HashSet<long>();
        while (true)
        {
            // Looked at before the head is read: once the writers are done, this last head covers everything they wrote.
            var finished = writersDone.IsCompleted;
            var head = await log.ReadHighWaterMarkAsync(Ct);
            heads.Add(head);
            while (checkpoint < head)
            {
                var page = await log.ReadAfterAsync(checkpoint, 50, Ct);
                Assert.NotEmpty(page);
                foreach (var e in page)
                {
                    if (e.Sequence > head)
                    {
                        break;
                    }
                    Assert.Equal(checkpoint + 1, e.Sequence);
                    seen.Add(e);
                    checkpoint = e.Sequence;
                }
            }
            if (finished)
            {
                return (seen, heads.Count);
            }
            await Task.Delay(1, Ct);
        }
    }

    private static async Task<Poll> CreatePollAsync(LedgerHost node)
    {
        var draft = new PollDraft("Lunch?", null, ["Pizza", "Sushi", "Salad"], [], null, null, new PollSettings(ResultsVisibility.Live, true));
        var outcome = await node.CreatePoll.HandleAsync(new CreatePoll("owner-1", draft), Ct);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return outcome.Value!.Poll;
    }

    private static async Task<VoteReceipt[]> CastManyAsync(LedgerHost node, Poll poll, string prefix, int count)
    {
        var receipts = new VoteReceipt[count];
        for (var i = 0; i < count; i++)
        {
            var outcome = await node.CastVote.HandleAsync(new CastVote(new Ballot(poll.Id, $"{prefix}-{i}", i % 3 + 1, null), null, Client), Ct);
            Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
            receipts[i] = outcome.Value!;
        }
        return receipts;
    }

    private static async Task<VoteReceipt[]> CommitBatchesAsync(LedgerHost node, Poll poll, string prefix, int batches, int size)
    {
        var receipts = new List<VoteReceipt>();
        for (var b = 0; b < batches; b++)
        {
            var batch = new PendingVote[size];
            for (var i = 0; i < size; i++)
            {
                batch[i] = new PendingVote(new CastVote(new Ballot(poll.Id, $"{prefix}-{b}-{i}", 1, null), $"key-{b}-{i}", Client), Guid.CreateVersion7());
            }
            node.Batcher.Commit(batch);
            foreach (var vote in batch)
            {
                var outcome = await vote.Outcome;
                Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
                receipts.Add(outcome.Value!);
            }
        }
        return [.. receipts];
    }

    private static async Task<Retraction[]> VoteAndRetractAsync(LedgerHost node, Poll poll, string prefix, int count)
    {
        var retractions = new Retraction[count];
        for (var i = 0; i < count; i++)
        {
            var voter = $"{prefix}-{i}";
            var cast = await node.CastVote.HandleAsync(new CastVote(new Ballot(poll.Id, voter, 2, null), null, Client), Ct);
            Assert.True(cast.Succeeded, cast.Rejection?.Code);
            var retraction = await node.RetractVote.HandleAsync(new RetractVote(poll.Id, voter, Client), Ct);
            Assert.True(retraction.Succeeded, retraction.Rejection?.Code);
            retractions[i] = retraction.Value!;
        }
        return retractions;
    }

    private async Task RollBackRepeatedlyAsync(Poll poll, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await AppendRawAsync(poll, $"rolled-back-{i}", hold: TimeSpan.FromMilliseconds(i % 5), commit: false);
        }
    }

    /// <summary>
    /// A writer that takes its sequence the way the ledger does (event_head, then the event), holds its transaction open,
    /// then commits or rolls back. The event names <paramref name="marker"/> as its voter, to be found (or not) in the log.
    /// </summary>
    private async Task AppendRawAsync(Poll poll, string marker, TimeSpan hold, bool commit)
    {
        await using var connection = await _fixture.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var at = DateTimeOffset.UtcNow;
        await using (var take = new NpgsqlCommand("UPDATE event_head SET last_sequence = last_sequence + 1 RETURNING last_sequence", connection, transaction))
        {
            var sequence = Convert.ToInt64(await take.ExecuteScalarAsync(Ct));
            await using var insert = new NpgsqlCommand(
                "INSERT INTO events (sequence, type, poll_id, payload, recorded_at) VALUES ($1, $2, $3, $4::jsonb, $5)", connection, transaction);
            var cast = new VoteCast(Guid.CreateVersion7(), poll.Id, marker, 1, null, at);
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EventCodec.TypeOf(cast) });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = poll.Id });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EventCodec.Encode(cast) });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = at.UtcTicks });
            await insert.ExecuteNonQueryAsync(Ct);
        }
        await Task.Delay(hold, Ct);
        if (commit)
        {
            await transaction.CommitAsync(Ct);
        }
        else
        {
            await transaction.RollbackAsync(Ct);
        }
    }

    private async Task WaitForHeadAsync(long atLeast)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Limit);
        while (await _nodeA.Events.ReadHighWaterMarkAsync(timeout.Token) < atLeast)
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
