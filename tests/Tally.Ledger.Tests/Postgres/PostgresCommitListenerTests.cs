using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Polls;
using Tally.Ledger.EventLog;
using Tally.Ledger.Postgres;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// Commits on one node wake another node's log readers through PostgreSQL notifications: node B writes, node A never
/// does, so anything node A's <see cref="LedgerCommits"/> learns came from its <see cref="PostgresCommitListener"/>.
/// </summary>
public sealed class PostgresCommitListenerTests : IAsyncLifetime
{
    private static readonly ClientInfo Client = new("198.51.100.4", "tally-tests/1.0");

    /// <summary>Far below a test's budget, far above a notification's latency; never slept, only waited on.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private readonly PostgresLedgerFixture _fixture = new();
    private ListeningNode _nodeA = null!;
    private ListeningNode _nodeB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _nodeA = await ListeningNode.StartAsync(_fixture, Ct);
        _nodeB = await ListeningNode.StartAsync(_fixture, Ct);
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
    public async Task CommitsThroughNodeBWakeNodeA()
    {
        var poll = await CreatePollAsync(_nodeB, "Lunch?");
        // The first may also arrive by the listener's catch-up read if it connected late; once it has, the listener is
        // waiting, so the votes after it can only arrive as notifications.
        await WaitForAsync(_nodeA.Commits, poll.Sequence);

        for (var i = 0; i < 3; i++)
        {
            var vote = await CastAsync(_nodeB, poll.Poll, $"voter-{i}");
            await WaitForAsync(_nodeA.Commits, vote.Sequence);
        }
    }

    [Fact]
    public async Task ARolledBackTransactionNotifiesNothing()
    {
        // A deferred trigger fails the commit itself, after the ledger's batch has queued its notification.
        await using (var connection = await _fixture.OpenAsync(Ct))
        await using (var trigger = new NpgsqlCommand("""
            CREATE FUNCTION fail_doomed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'doomed at commit'; END $$;
            CREATE CONSTRAINT TRIGGER fail_doomed AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (NEW.payload::text LIKE '%doomed%') EXECUTE FUNCTION fail_doomed();
            """, connection))
        {
            await trigger.ExecuteNonQueryAsync(Ct);
        }
        await using var observer = await _fixture.OpenAsync(Ct);
        var heard = new ConcurrentQueue<string>();
        observer.Notification += (_, e) => heard.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresCommitListener.Channel}", observer))
        {
            await listen.ExecuteNonQueryAsync(Ct);
        }

        // An error in answer to COMMIT is a rollback: nothing was recorded, and the ledger says so.
        var refused = await Assert.ThrowsAsync<LedgerUnavailableException>(() => CreatePollAsync(_nodeB, "doomed?"));
        Assert.IsType<PostgresException>(refused.InnerException);
        var committed = await CreatePollAsync(_nodeB, "Lunch?");

        // The rolled-back transaction took the same sequence, so only the count tells its notification apart; it would
        // have been delivered before the committed one's.
        var watch = Stopwatch.StartNew();
        while (!heard.Contains(committed.Sequence.ToString()) && watch.Elapsed < Bound)
        {
            await observer.WaitAsync(Remaining(watch), Ct);
        }
        Assert.Equal([committed.Sequence.ToString()], heard);
        await WaitForAsync(_nodeA.Commits, committed.Sequence);
    }

    [Fact]
    public async Task AListenerWhoseConnectionIsKilledReconnectsAndCatchesUp()
    {
        var poll = await CreatePollAsync(_nodeB, "Lunch?");
        await WaitForAsync(_nodeA.Commits, poll.Sequence);

        var killed = await ListenerPidsAsync(afterHeadRead: false);
        Assert.Equal(2, killed.Count);
        await using (var connection = await _fixture.OpenAsync(Ct))
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", connection))
        {
            terminate.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. killed] });
            await terminate.ExecuteNonQueryAsync(Ct);
        }
        // Committed while the listeners are (most likely) down: its notification is lost, the catch-up read finds it.
        var duringOutage = await CastAsync(_nodeB, poll.Poll, "during-outage");
        await WaitForAsync(_nodeA.Commits, duringOutage.Sequence);

        // Both listeners are back and past their catch-up read, so what follows can only arrive as a notification.
        var watch = Stopwatch.StartNew();
        IReadOnlyCollection<int> back;
        while ((back = await ListenerPidsAsync(afterHeadRead: true)).Count(pid => !killed.Contains(pid)) < 2 && watch.Elapsed < Bound)
        {
            await Task.Delay(20, Ct);
        }
        Assert.Equal(2, back.Count(pid => !killed.Contains(pid)));
        var after = await CastAsync(_nodeB, poll.Poll, "after-reconnect");
        await WaitForAsync(_nodeA.Commits, after.Sequence);
    }

    /// <summary>The commit listeners' backends on this test's database; with <paramref name="afterHeadRead"/>, only those past their catch-up read.</summary>
    private async Task<IReadOnlyCollection<int>> ListenerPidsAsync(bool afterHeadRead)
    {
        await using var connection = await _fixture.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND (NOT $3 OR query = $4)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _fixture.DatabaseName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresCommitListener.ApplicationName });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = afterHeadRead });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "SELECT last_sequence FROM event_head" });
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }

    /// <summary>Waits, on the commit signal itself, until <paramref name="commits"/> has seen <paramref name="sequence"/>.</summary>
    private static async Task WaitForAsync(LedgerCommits commits, long sequence)
    {
        var watch = Stopwatch.StartNew();
        while (commits.LastSequence < sequence && watch.Elapsed < Bound)
        {
            await commits.WaitForCommitAfterAsync(sequence - 1, Remaining(watch), Ct);
        }
        Assert.True(commits.LastSequence >= sequence, $"node A saw sequence {commits.LastSequence}, not {sequence}, within {Bound}");
    }

    /// <summary>What is left of the bound, never zero: a zero timeout means "no timeout" to NpgsqlConnection.WaitAsync (a mutation run hung there).</summary>
    private static TimeSpan Remaining(Stopwatch watch) => TimeSpan.FromTicks(Math.Max(Bound.Ticks - watch.Elapsed.Ticks, TimeSpan.TicksPerMillisecond));

    private static async Task<(Poll Poll, long Sequence)> CreatePollAsync(ListeningNode node, string question)
    {
        var draft = new PollDraft(question, null, ["Pizza", "Sushi", "Salad"], [], null, null, new PollSettings(ResultsVisibility.Live, true));
        var outcome = await node.CreatePoll.HandleAsync(new CreatePoll("owner-1", draft), Ct);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return (outcome.Value!.Poll, outcome.Value.Sequence);
    }

    private static async Task<VoteReceipt> CastAsync(ListeningNode node, Poll poll, string voter)
    {
        var outcome = await node.CastVote.HandleAsync(new CastVote(new Ballot(poll.Id, voter, 1, null), null, Client), Ct);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return outcome.Value!;
    }
}
