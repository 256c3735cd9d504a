using System.Data;
using Npgsql;

namespace Tally.Ledger.Postgres;

/// <summary>
/// One read snapshot of the ledger and the last event sequence it reflects, for reads that must say exactly which events
/// they count (recounts, live counts). REPEATABLE READ takes the snapshot at the first statement, the head read, and keeps
/// it. The head is exact, with no gap below it: writers take sequences under event_head's row lock and hold it to COMMIT,
/// so a transaction with higher sequences commits only once every lower one is visible, and a snapshot holding
/// <c>event_head = S</c> holds every event up to S and none above (<see cref="PostgresEventAppender"/>).
/// </summary>
internal sealed class PostgresSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long sequence)
    {
        _connection = connection;
        _transaction = transaction;
        Sequence = sequence;
    }

    public long Sequence { get; }

    public static async Task<PostgresSnapshot> OpenAsync(PostgresLedgerDatabase database, CancellationToken ct)
    {
        var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            await using var head = new NpgsqlCommand(PostgresEventAppender.ReadHeadSql, connection, transaction);
            return new PostgresSnapshot(connection, transaction, (long)(await head.ExecuteScalarAsync(ct).ConfigureAwait(false))!);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A statement that reads in this snapshot.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
