using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Postgres;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// A ledger whose idempotency keys were written when a key copied its vote's answer (poll, option, region, time), opened
/// by this build: the migration drops the copies, and a replay answers from the vote's row exactly as before.
/// </summary>
public sealed class PostgresLeanKeysMigrationTests : IAsyncLifetime
{
    private static readonly ClientInfo Client = new("198.51.100.9", "tally-tests/1.0");
    private static readonly DateTimeOffset CastAt = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly PostgresLedgerFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task AKeyWrittenWithItsCopiedAnswerReplaysTheSameReceiptAfterTheMigration()
    {
        var pollId = Guid.CreateVersion7();
        var voteId = Guid.CreateVersion7();
        var ballot = new Ballot(pollId, "voter-1", 2, "EU");
        await using (var connection = await _fixture.OpenAsync(Ct))
        {
            await Execute(connection, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            for (var step = 0; step < PostgresSchema.Migrations.Length - 1; step++)
            {
                await Execute(connection, PostgresSchema.Migrations[step]);
                await Execute(connection, $"INSERT INTO schema_migrations (version) VALUES ({step + 1})");
            }
            var at = CastAt.UtcTicks;
            await Execute(connection, $"""
                INSERT INTO polls (poll_id, owner_id, title, results_visibility, allow_vote_change, created_at)
                VALUES ('{pollId}', 'owner-1', 'Lunch?', 'Live', true, {at - 1});
                INSERT INTO poll_options (poll_id, option_id, text) VALUES ('{pollId}', 1, 'Pizza'), ('{pollId}', 2, 'Sushi');
                INSERT INTO poll_regions (poll_id, position, region) VALUES ('{pollId}', 0, 'EU');
                INSERT INTO vote_records (vote_id, poll_id, voter_id, option_id, region, timestamp)
                VALUES ('{voteId}', '{pollId}', 'voter-1', 2, 'EU', {at});
                INSERT INTO idempotency_keys (voter_id, key, fingerprint, vote_id, poll_id, option_id, region, recorded_at, sequence)
                VALUES ('voter-1', 'k-1', '{Fingerprints.Of(ballot)}', '{voteId}', '{pollId}', 2, 'EU', {at}, 2);
                UPDATE event_head SET last_sequence = 2;
                """);
        }

        await using var ledger = await LedgerHost.StartAsync(_fixture, TimeProvider.System, Ct);
        var replay = await ledger.CastVote.HandleAsync(new CastVote(ballot, "k-1", Client), Ct);
        var reused = await ledger.CastVote.HandleAsync(new CastVote(ballot with { OptionId = 1 }, "k-1", Client), Ct);

        Assert.Equal(new VoteReceipt(voteId, pollId, 2, "EU", CastAt, 2), replay.Value);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Rejection?.Code);
        await using var check = await _fixture.OpenAsync(Ct);
        Assert.Equal(
            ["fingerprint", "key", "sequence", "vote_id", "voter_id"],
            await Strings(check, "SELECT column_name FROM information_schema.columns WHERE table_name = 'idempotency_keys' ORDER BY column_name"));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<string>> Strings(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
