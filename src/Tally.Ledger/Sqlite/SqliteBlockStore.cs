using Microsoft.Data.Sqlite;
using Tally.Domain.Blocks;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteBlockStore(SqliteLedgerDatabase database, SqliteEventAppender events, TimeProvider clock) : IBlockStore
{
    private const string Columns = "block_id, target, value, poll_id, placed_at, until, placed_by, reason, lifted_at, lifted_by";

    public Task<Block> PlaceAsync(PlaceBlock command, CancellationToken ct) => database.WriteAsync(transaction =>
    {
        var at = clock.GetUtcNow();
        var block = BlockJudge.Place(command, at);
        using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO blocks ({Columns}) VALUES ($id, $target, $value, $poll, $placed_at, $until, $placed_by, $reason, NULL, NULL)
            """;
        insert.Parameters.AddWithValue("$id", block.BlockId.ToString());
        insert.Parameters.AddWithValue("$target", block.Target.ToString());
        insert.Parameters.AddWithValue("$value", block.Value);
        insert.Parameters.AddWithValue("$poll", block.PollId is { } poll ? poll.ToString() : DBNull.Value);
        insert.Parameters.AddWithValue("$placed_at", SqliteValues.Time(block.PlacedAt));
        insert.Parameters.AddWithValue("$until", SqliteValues.TimeOrNull(block.Until));
        insert.Parameters.AddWithValue("$placed_by", block.PlacedBy);
        insert.Parameters.AddWithValue("$reason", block.Reason);
        insert.ExecuteNonQuery();
        SqliteAudit.Write(transaction, at, command.AdminId, BlockJudge.PlacedAction, block.PollId, null,
            command.Client.IpAddress, command.Client.UserAgent, BlockJudge.AuditDetail(block));
        events.Append(transaction, new BlockPlaced(block), at);
        return block;
    }, ct);

    public Task<Outcome<Block>> LiftAsync(LiftBlock command, CancellationToken ct) => database.WriteAsync<Outcome<Block>>(transaction =>
    {
        var at = clock.GetUtcNow();
        using var find = transaction.Connection!.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = $"SELECT {Columns} FROM blocks WHERE block_id = $id";
        find.Parameters.AddWithValue("$id", command.BlockId.ToString());
        var verdict = BlockJudge.Lift(Read(find).FirstOrDefault(), command, at);
        if (verdict.Rejection is { } refusal)
        {
            return refusal;
        }
        var (lifted, e) = verdict.Value;
        using var update = transaction.Connection!.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE blocks SET lifted_at = $at, lifted_by = $by WHERE block_id = $id";
        update.Parameters.AddWithValue("$at", SqliteValues.Time(at));
        update.Parameters.AddWithValue("$by", command.AdminId);
        update.Parameters.AddWithValue("$id", lifted.BlockId.ToString());
        update.ExecuteNonQuery();
        SqliteAudit.Write(transaction, at, command.AdminId, BlockJudge.LiftedAction, lifted.PollId, null,
            command.Client.IpAddress, command.Client.UserAgent, BlockJudge.AuditDetail(lifted));
        events.Append(transaction, e, at);
        return Outcome<Block>.Ok(lifted);
    }, ct);

    public Task<IReadOnlyList<Block>> ReadInForceAsync(DateTimeOffset now, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM blocks WHERE lifted_at IS NULL AND (until IS NULL OR until > $now) ORDER BY placed_at, block_id";
        command.Parameters.AddWithValue("$now", SqliteValues.Time(now));
        return Task.FromResult<IReadOnlyList<Block>>(Read(command));
    }

    private static List<Block> Read(SqliteCommand command)
    {
        var blocks = new List<Block>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            blocks.Add(new Block(
                Guid.Parse(reader.GetString(0)),
                Enum.Parse<BlockTarget>(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : Guid.Parse(reader.GetString(3)),
                SqliteValues.ReadTime(reader.GetString(4)),
                reader.IsDBNull(5) ? null : SqliteValues.ReadTime(reader.GetString(5)),
                reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : SqliteValues.ReadTime(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return blocks;
    }
}
