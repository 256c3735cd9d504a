using Npgsql;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Postgres;

/// <summary>
/// The PostgreSQL ledger: one shared <see cref="NpgsqlDataSource"/> (its pool serves every store), the schema brought up
/// to date at start, and the write path every store uses. Unlike the embedded ledger there is no writer gate here: other
/// nodes write the same database, so ordering comes from row locks inside PostgreSQL (polls, event_head), never from this process.
/// </summary>
public sealed class PostgresLedgerDatabase : IAsyncDisposable, IDisposable
{
    public PostgresLedgerDatabase(string connectionString, LedgerCommits commits)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // The hot statements have fixed texts (arrays, not row-by-row SQL), so preparing them once per connection pays off.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
        }
        settings.ApplicationName ??= "tally-ledger";
        DataSource = builder.Build();
        Commits = commits;
        PostgresMigrations.Apply(DataSource);
        using var connection = DataSource.OpenConnection();
        using var head = new NpgsqlCommand(PostgresEventAppender.ReadHeadSql, connection);
        commits.Committed(Convert.ToInt64(head.ExecuteScalar()));
    }

    public NpgsqlDataSource DataSource { get; }

    public LedgerCommits Commits { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in one READ COMMITTED transaction and commits it; wakes this process's log readers after.
    /// The token only bounds getting a connection: once the work starts it runs to its commit or rollback, as the caller
    /// may not hang up half-way through a write.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<PostgresWrite, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        var write = new PostgresWrite(connection, transaction);
        // A throw disposes the transaction, which rolls it back: its sequences go back to event_head.
        var result = await work(write).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        if (write.LastSequence is { } last)
        {
            Commits.Committed(last);
        }
        return result;
    }

    /// <summary>
    /// <see cref="WriteAsync{T}"/> on the caller's thread, blocking on every round trip: for a thread of its own (group
    /// commit), never for the thread pool.
    /// </summary>
    internal T Write<T>(Func<PostgresWrite, T> work)
    {
        using var connection = DataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var write = new PostgresWrite(connection, transaction);
        var result = work(write);
        transaction.Commit();
        if (write.LastSequence is { } last)
        {
            Commits.Committed(last);
        }
        return result;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}

/// <summary>One open write transaction, and the last event sequence it took (if it appended any).</summary>
internal sealed class PostgresWrite(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public long? LastSequence { get; set; }

    public NpgsqlBatch CreateBatch() => new(Connection, Transaction);
}
