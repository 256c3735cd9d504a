using Npgsql;
using Tally.Domain.Blocks;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresBlockStore(PostgresLedgerDatabase database, TimeProvider clock) : IBlockStore
{
    private const string Columns = "block_id, target, value, poll_id, placed_at, until, placed_by, reason, lifted_at, lifted_by";

    public Task<Block> PlaceAsync(PlaceBlock command, CancellationToken ct) => database.WriteAsync(async write =>
    {
        var at = clock.GetUtcNow();
        var block = BlockJudge.Place(command, at);
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command($"""
            INSERT INTO blocks ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL)
            """,
            PostgresValues.Uuid(block.BlockId),
            PostgresValues.Text(block.Target.ToString()),
            PostgresValues.Text(block.Value),
            PostgresValues.NullableUuid(block.PollId),
            PostgresValues.Instant(block.PlacedAt),
            PostgresValues.NullableInstant(block.Until),
            PostgresValues.Text(block.PlacedBy),
            PostgresValues.Text(block.Reason)));
        batch.BatchCommands.Add(PostgresAudit.Insert(at, command.AdminId, BlockJudge.PlacedAction, block.PollId, null,
            command.Client.IpAddress, command.Client.UserAgent, BlockJudge.AuditDetail(block)));
        await PostgresEventAppender.AppendOneAsync(write, batch, new BlockPlaced(block), at, ct).ConfigureAwait(false);
        return block;
    }, ct);

    public Task<Outcome<Block>> LiftAsync(LiftBlock command, CancellationToken ct) => database.WriteAsync<Outcome<Block>>(async write =>
    {
        Block? block;
        // Locked: of two lifts of one block, the second waits and then finds it lifted.
        await using (var find = write.CreateBatch())
        {
            find.BatchCommands.Add(PostgresValues.Command($"SELECT {Columns} FROM blocks WHERE block_id = $1 FOR UPDATE",
                PostgresValues.Uuid(command.BlockId)));
            await using var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
            block = (await ReadAsync(reader, ct).ConfigureAwait(false)).FirstOrDefault();
        }
        var at = clock.GetUtcNow();
        var verdict = BlockJudge.Lift(block, command, at);
        if (verdict.Rejection is { } refusal)
        {
            return refusal;
        }
        var (lifted, e) = verdict.Value;
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command("UPDATE blocks SET lifted_at = $1, lifted_by = $2 WHERE block_id = $3",
            PostgresValues.Instant(at), PostgresValues.Text(command.AdminId), PostgresValues.Uuid(lifted.BlockId)));
        batch.BatchCommands.Add(PostgresAudit.Insert(at, command.AdminId, BlockJudge.LiftedAction, lifted.PollId, null,
            command.Client.IpAddress, command.Client.UserAgent, BlockJudge.AuditDetail(lifted)));
        await PostgresEventAppender.AppendOneAsync(write, batch, e, at, ct).ConfigureAwait(false);
        return Outcome<Block>.Ok(lifted);
    }, ct);

    public async Task<IReadOnlyList<Block>> ReadInForceAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM blocks WHERE lifted_at IS NULL AND (until IS NULL OR until > $1) ORDER BY placed_at, block_id");
        command.Parameters.Add(PostgresValues.Instant(now));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await ReadAsync(reader, ct).ConfigureAwait(false);
    }

    private static async Task<List<Block>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var blocks = new List<Block>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            blocks.Add(new Block(
                reader.GetGuid(0),
                Enum.Parse<BlockTarget>(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                PostgresValues.Time(reader.GetInt64(4)),
                PostgresValues.TimeOrNull(reader, 5),
                reader.GetString(6),
                reader.GetString(7),
                PostgresValues.TimeOrNull(reader, 8),
                PostgresValues.TextOrNull(reader, 9)));
        }
        return blocks;
    }
}
