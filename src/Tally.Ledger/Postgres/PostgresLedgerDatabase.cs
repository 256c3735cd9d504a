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
        LedgerId = EnsureLedgerId(connection);
        using var head = new NpgsqlCommand(PostgresEventAppender.ReadHeadSql, connection);
        commits.Committed(Convert.ToInt64(head.ExecuteScalar()));
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>This ledger's identity, made by the first node to open the database and kept in it.</summary>
    internal Guid LedgerId { get; }

    public LedgerCommits Commits { get; }

    private static Guid EnsureLedgerId(NpgsqlConnection connection)
    {
        // Nodes opening a new database at once each offer an id; the first insert wins and every node reads that one.
        using (var offer = new NpgsqlCommand("INSERT INTO ledger_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection))
        {
            offer.Parameters.Add(PostgresValues.Text(LedgerIdentity.SettingName));
            offer.Parameters.Add(PostgresValues.Text(LedgerIdentity.NewId()));
            offer.ExecuteNonQuery();
        }
        using var read = new NpgsqlCommand("SELECT value FROM ledger_settings WHERE name = $1", connection);
        read.Parameters.Add(PostgresValues.Text(LedgerIdentity.SettingName));
        return Guid.Parse((string)read.ExecuteScalar()!);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one READ COMMITTED transaction and commits it; wakes this process's log readers after.
    /// The token only bounds getting a connection: once the work starts it runs to its commit or rollback, as the caller
    /// may not hang up half-way through a write.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">Nothing was committed (the database failed or refused before or at COMMIT).</exception>
    /// <exception cref="LedgerOutcomeUnknownException">COMMIT was sent and never answered.</exception>
    internal async Task<T> WriteAsync<T>(Func<PostgresWrite, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            var write = new PostgresWrite(connection, transaction);
            // A throw disposes the transaction, which rolls it back: its sequences go back to event_head.
            var result = await work(write).ConfigureAwait(false);
            Committing(write);
            try
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Abandoned(write);
                if (Unanswered(ex))
                {
                    throw OutcomeUnknown(ex);
                }
                throw;
            }
            if (write.LastSequence is { } last)
            {
                Commits.Committed(last, write.Appended.Take());
            }
            return result;
        }
        catch (Exception ex) when (ex is not (LedgerOutcomeUnknownException or OperationCanceledException))
        {
            throw new LedgerUnavailableException("The ledger could not take this change.", ex);
        }
    }

    /// <summary>
    /// <see cref="WriteAsync{T}"/> on the caller's thread, blocking on every round trip: for a thread of its own (group
    /// commit), never for the thread pool. A failure before COMMIT is thrown as it is (nothing was committed), so the
    /// caller can tell a refused vote from a failed database; an unanswered COMMIT is a <see cref="LedgerOutcomeUnknownException"/>.
    /// </summary>
    /// <param name="trace">Told when the COMMIT came back, for a batch that is measured.</param>
    internal T Write<T>(Func<PostgresWrite, T> work, PostgresBatchTrace? trace = null)
    {
        using var connection = DataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var write = new PostgresWrite(connection, transaction);
        var result = work(write);
        Committing(write);
        try
        {
            transaction.Commit();
        }
        catch (Exception ex)
        {
            Abandoned(write);
            if (Unanswered(ex))
            {
                throw OutcomeUnknown(ex);
            }
            throw;
        }
        trace?.Committed();
        if (write.LastSequence is { } last)
        {
            Commits.Committed(last, write.Appended.Take());
        }
        return result;
    }

    // Our own notification can arrive before the writing thread hands its events over: it is not a reason to read the log.
    private void Committing(PostgresWrite write)
    {
        if (write.LastSequence is { } last)
        {
            Commits.Committing(last);
        }
    }

    private void Abandoned(PostgresWrite write)
    {
        if (write.LastSequence is { } last)
        {
            Commits.Abandoned(last);
        }
    }

    /// <summary>
    /// Whether a failed COMMIT leaves the transaction's fate unknown. An ERROR in answer to it means PostgreSQL rolled the
    /// transaction back; anything else (a broken connection, a timeout, a FATAL from a server going down) may have come
    /// after the commit record was written.
    /// </summary>
    private static bool Unanswered(Exception commitFailure) => commitFailure is not PostgresException { InvariantSeverity: "ERROR" };

    private static LedgerOutcomeUnknownException OutcomeUnknown(Exception commitFailure) =>
        new("The ledger's connection failed while committing: the change may or may not have been recorded.", commitFailure);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
