using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Polls;
using Tally.Ledger.EventLog;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Tests.Contract;
using Tally.Ledger.Tests.Postgres;
using Tally.Ledger.Tests.Sqlite;

namespace Tally.Ledger.Tests.EventLog;

/// <summary>The same events kept by the embedded ledger and by PostgreSQL read back with the same fingerprints.</summary>
public sealed class EventFingerprintAcrossLedgersTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero).AddTicks(7654321);

    private static readonly ClientInfo Client = new("203.0.113.7", "tally-tests/1.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameEventsHaveTheSameFingerprintsOnSqliteAndPostgres()
    {
        // An end time in another offset: PostgreSQL's jsonb keeps the payload's text but not its key order or spacing.
        var poll = new Poll(Guid.CreateVersion7(), "owner-1", "Lunch?", "Where shall we eat?",
            [new PollOption(1, "Pizza"), new PollOption(2, "Sushi")], ["EU", "US"], null,
            Now.AddDays(3).ToOffset(TimeSpan.FromHours(2)), new PollSettings(ResultsVisibility.Live, AllowVoteChange: true), Now, null);
        var voteIds = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };

        var sqlite = await WriteAsync(new SqliteLedgerFixture(), poll, voteIds);
        var postgres = await WriteAsync(new PostgresLedgerFixture(), poll, voteIds);

        Assert.Equal(4, sqlite.Count);
        Assert.Equal(sqlite, postgres);
        Assert.Equal(4, sqlite.Distinct().Count());
    }

    private static async Task<List<string>> WriteAsync(LedgerFixture fixture, Poll poll, Guid[] voteIds)
    {
        await using (fixture)
        {
            await using var ledger = await LedgerHost.StartAsync(fixture, new FixedClock(Now), Ct);
            await ledger.Polls.CreateAsync(poll, Ct);
            var votes = new[]
            {
                new PendingVote(new CastVote(new Ballot(poll.Id, "voter-1", 2, "EU"), "key-1", Client), voteIds[0]),
                new PendingVote(new CastVote(new Ballot(poll.Id, "voter-2", 1, "US"), null, Client), voteIds[1]),
            };
            var written = ledger.Votes.WriteBatch(votes);
            await written.Durable;
            Assert.All(written.Result, outcome => Assert.True(outcome.Succeeded, outcome.Rejection?.Code));
            Assert.True((await ledger.Votes.RetractAsync(new RetractVote(poll.Id, "voter-2", Client), Ct)).Succeeded);
            return (await ledger.Events.ReadAfterAsync(0, 100, Ct)).Select(EventFingerprint.Of).ToList();
        }
    }
}
