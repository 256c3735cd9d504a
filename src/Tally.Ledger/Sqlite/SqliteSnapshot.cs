using Microsoft.Data.Sqlite;

namespace Tally.Ledger.Sqlite;

/// <summary>
/// One read snapshot of the embedded ledger and the last event sequence it reflects, for reads that must say exactly which
/// events they count (recounts, live counts). A deferred transaction is one WAL snapshot from its first read on, the head
/// read, and never takes the writer's lock; one writer at a time makes every snapshot a gap-free prefix of the log.
/// The head may be above the durable head: a commit is visible before its WAL sync.
/// </summary>
internal sealed class SqliteSnapshot : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public SqliteSnapshot(SqliteLedgerDatabase database)
    {
        _connection = database.OpenReader();
        _transaction = _connection.BeginTransaction(deferred: true);
        Sequence = SqliteLedgerDatabase.ScalarLong(_connection, "SELECT coalesce(max(sequence), 0) FROM events", _transaction);
    }

    public long Sequence { get; }

    /// <summary>A statement that reads in this snapshot.</summary>
    public SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
