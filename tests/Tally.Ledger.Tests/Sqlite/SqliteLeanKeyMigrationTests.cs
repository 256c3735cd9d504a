using Microsoft.Data.Sqlite;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Sqlite;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>A ledger file whose idempotency keys still copy their vote is migrated to keys that point at it, and replays as before.</summary>
public sealed class SqliteLeanKeyMigrationTests
{
    private static readonly ClientInfo Client = new("203.0.113.7", "tally-tests/1.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysStoredWholeByTheEarlierSchemaStillReplayAfterTheMigration()
    {
        await using var fixture = new SqliteLedgerFixture();
        Poll poll;
        VoteReceipt first;
        VoteReceipt otherVoter;
        await using (var ledger = await LedgerHost.StartAsync(fixture, TimeProvider.System, Ct))
        {
            poll = (await ledger.CreatePoll.HandleAsync(new CreatePoll("owner-1", new PollDraft("Lunch?", null, ["Pizza", "Sushi"], ["EU"],
                null, null, new PollSettings(ResultsVisibility.Live, AllowVoteChange: true))), Ct)).Value!.Poll;
            first = (await ledger.CastVote.HandleAsync(Cast(poll, "voter-1", 2, "EU", "k-1"), Ct)).Value!;
            otherVoter = (await ledger.CastVote.HandleAsync(Cast(poll, "voter-2", 1, null, "k-1"), Ct)).Value!;
        }
        RewriteKeysAsTheEarlierSchemaDid(fixture.File);

        await using (var ledger = await LedgerHost.StartAsync(fixture, TimeProvider.System, Ct))
        {
            var head = await ledger.Events.ReadHighWaterMarkAsync(Ct);

            Assert.Equal(first, (await ledger.CastVote.HandleAsync(Cast(poll, "voter-1", 2, "EU", "k-1"), Ct)).Value);
            Assert.Equal(otherVoter, (await ledger.CastVote.HandleAsync(Cast(poll, "voter-2", 1, null, "k-1"), Ct)).Value);
            Assert.Equal(ErrorCodes.IdempotencyKeyReused, (await ledger.CastVote.HandleAsync(Cast(poll, "voter-1", 1, "EU", "k-1"), Ct)).Rejection?.Code);
            Assert.Equal(head, await ledger.Events.ReadHighWaterMarkAsync(Ct));
        }
        Assert.Equal(["voter_id", "key", "fingerprint", "vote_id", "sequence"], Columns(fixture.File, "idempotency_keys"));
    }

    private static CastVote Cast(Poll poll, string voter, int option, string? region, string key) =>
        new(new Ballot(poll.Id, voter, option, region), key, Client);

    /// <summary>Puts the file back to the keys of schema version 6, each row a copy of its vote, as that version wrote them.</summary>
    private static void RewriteKeysAsTheEarlierSchemaDid(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE whole_keys (
                voter_id    TEXT NOT NULL,
                key         TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                vote_id     TEXT NOT NULL,
                poll_id     TEXT NOT NULL,
                option_id   INTEGER NOT NULL,
                region      TEXT,
                recorded_at TEXT NOT NULL,
                sequence    INTEGER NOT NULL,
                PRIMARY KEY (voter_id, key)
            ) WITHOUT ROWID;
            INSERT INTO whole_keys
                SELECT k.voter_id, k.key, k.fingerprint, k.vote_id, v.poll_id, v.option_id, v.region, v.timestamp, k.sequence
                FROM idempotency_keys k JOIN vote_records v ON v.vote_id = k.vote_id;
            DROP TABLE idempotency_keys;
            ALTER TABLE whole_keys RENAME TO idempotency_keys;
            PRAGMA user_version = 6;
            """;
        command.ExecuteNonQuery();
        Assert.Equal(9, Columns(connection, "idempotency_keys").Count);
    }

    private static List<string> Columns(string file, string table)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return Columns(connection, table);
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        var columns = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }
}
