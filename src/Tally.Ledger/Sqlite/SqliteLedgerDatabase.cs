using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Tally.Domain.Events;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

/// <summary>
/// The embedded ledger's file. SQLite allows one writer at a time, so all writes share one connection behind a gate;
/// that same lock makes event sequences follow commit order. Readers use their own pooled connections (WAL lets them run alongside).
/// </summary>
public sealed class SqliteLedgerDatabase : IDisposable
{
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteWalSync? _walSync;
    private readonly SqliteCheckpoints _checkpoints;
    private readonly List<SqliteStatement> _statements = [];

    public SqliteLedgerDatabase(string path, string synchronous, TimeSpan busyTimeout, LedgerCommits commits)
        : this(path, new SqliteLedgerOptions { Synchronous = synchronous, BusyTimeout = busyTimeout }, commits)
    {
    }

    /// <param name="path">The file itself (<see cref="SqliteLedgerOptions.File"/> resolved).</param>
    public SqliteLedgerDatabase(string path, SqliteLedgerOptions options, LedgerCommits commits)
    {
        // FULL, NORMAL or OFF in any case: SqliteLedgerOptions' validator let nothing else through.
        var mode = options.Synchronous.ToUpperInvariant();
        Commits = commits;
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        Writer = new SqliteConnection(builder.ToString());
        Writer.Open();
        // Each vote lands on a random leaf of the (poll, voter) and idempotency indexes, and the WAL logs whole pages:
        // 2 KiB pages halve the bytes written per vote against the default 4 KiB, and measured fastest (BENCHMARKS.md).
        // page_size only takes effect on a new file. Schema changes commit fully synced; afterwards FULL durability
        // comes from the pipelined WAL sync.
        Execute(Writer, "PRAGMA page_size = 2048; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        Migrate();
        LedgerId = EnsureLedgerId();
        // The checkpoints' own thread copies the WAL into the file; the writer's COMMITs never do.
        Execute(Writer, $"PRAGMA synchronous = {(mode == "OFF" ? "OFF" : "NORMAL")}; PRAGMA cache_size = {-1024L * options.CacheSizeMiB}; PRAGMA wal_autocheckpoint = 0;");
        _checkpoints = new SqliteCheckpoints(builder.ToString(), Writer, _gate, options.CheckpointWalMiB * 1024L * 1024L / ScalarLong(Writer, "PRAGMA page_size"));
        if (mode == "FULL")
        {
            _walSync = new SqliteWalSync(System.IO.Path.GetFullPath(path), _checkpoints.Synced);
            // The log's tail may be commits a crashed process never synced: sync them once, so the head below is on disk.
            _walSync.AfterCommit().GetAwaiter().GetResult();
        }
        builder.Mode = SqliteOpenMode.ReadOnly;
        _readConnectionString = builder.ToString();
        LastSequence = ScalarLong(Writer, "SELECT coalesce(max(sequence), 0) FROM events");
        commits.Committed(LastSequence);
    }

    public string Path { get; }

    /// <summary>This ledger's identity, made by the first open of the file and kept in it (a copy of the file keeps it).</summary>
    internal Guid LedgerId { get; }

    public LedgerCommits Commits { get; }

    /// <summary>The only connection that writes. Use it inside <see cref="CommitDurableLater{T}"/> only.</summary>
    internal SqliteConnection Writer { get; }

    /// <summary>
    /// Highest sequence on disk: the projector reads no further, so views never hold an event a power cut could take back
    /// (its sequence would then be handed out again and skipped by the views). Without the WAL sync, a commit is the head.
    /// It is what this ledger last announced: commits are announced only once durable.
    /// </summary>
    internal long DurableSequence => Commits.LastSequence;

    /// <summary>The WAL sync thread, or none when <c>synchronous</c> is not FULL.</summary>
    internal SqliteWalSync? WalSync => _walSync;

    /// <summary>The thread that copies the WAL into the database file.</summary>
    internal SqliteCheckpoints Checkpoints => _checkpoints;

    /// <summary>The open transaction's events, handed to the projector once durable; used only under the write gate.</summary>
    internal TransactionEvents Appended { get; } = new();

    /// <summary>Highest sequence handed out; changed only under the write gate.</summary>
    internal long LastSequence { get; private set; }

    /// <summary>A statement on the writer's connection, for use inside <see cref="CommitDurableLater{T}"/>; finalized before the connection closes.</summary>
    internal SqliteStatement PrepareOnWriter(string sql, params string[] parameters)
    {
        var statement = new SqliteStatement(Writer, sql, parameters);
        lock (_statements)
        {
            _statements.Add(statement);
        }
        return statement;
    }

    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and returns once it is committed and durable.</summary>
    /// <exception cref="LedgerUnavailableException">Nothing was committed.</exception>
    /// <exception cref="LedgerOutcomeUnknownException">Committed, but the WAL could not be synced: it may not survive a power cut.</exception>
    internal async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken ct)
    {
        CommittedDurableLater<T> committed;
        try
        {
            committed = await CommitDurableLaterAsync(work, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // SQLite rolls back a transaction whose work or COMMIT failed: the file is as it was.
            throw new LedgerUnavailableException("The ledger could not take this change.", ex);
        }
        // Leave the WAL sync thread before the caller's own work goes on (it once disposed the ledger there, joining the
        // thread from itself): an await of an incomplete task continues on the thread that completes it, and ForceYielding
        // only yields for an already completed one.
        await committed.Durable.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.Yield();
        committed.Durable.GetAwaiter().GetResult();
        return committed.Result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one IMMEDIATE transaction on the writer and commits it, waiting for the writer on
    /// this thread (the group-commit thread). Returns as soon as the commit is written, so the next transaction can start;
    /// <see cref="CommittedDurableLater{T}.Durable"/> completes once it is on disk. Nobody may be told of the commit before then.
    /// </summary>
    /// <param name="stages">Where a vote batch times its COMMIT and its wait for the disk.</param>
    internal CommittedDurableLater<T> CommitDurableLater<T>(Func<SqliteTransaction, T> work, LedgerMetrics? stages = null)
    {
        _checkpoints.WaitForTurn();
        _gate.Wait();
        return CommitHoldingGate(work, stages);
    }

    /// <summary><see cref="CommitDurableLater{T}"/>, waiting for the writer without holding a thread.</summary>
    internal async Task<CommittedDurableLater<T>> CommitDurableLaterAsync<T>(Func<SqliteTransaction, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return CommitHoldingGate(work, null);
    }

    private CommittedDurableLater<T> CommitHoldingGate<T>(Func<SqliteTransaction, T> work, LedgerMetrics? stages)
    {
        T result;
        long committedSequence;
        IReadOnlyList<StoredEvent> appended;
        Task durable;
        long committedAt;
        try
        {
            var sequenceBefore = LastSequence;
            using (var transaction = Writer.BeginTransaction())
            {
                try
                {
                    result = work(transaction);
                    var committing = Stopwatch.GetTimestamp();
                    transaction.Commit();
                    committedAt = Stopwatch.GetTimestamp();
                    stages?.BatchStage(BatchStages.Commit, Stopwatch.GetElapsedTime(committing, committedAt));
                }
                catch
                {
                    // The rolled-back transaction's sequences were never visible; hand them out again.
                    LastSequence = sequenceBefore;
                    Appended.Drop();
                    throw;
                }
            }
            committedSequence = LastSequence;
            appended = Appended.Take();
            _checkpoints.Written(WalFramesWritten());
            durable = _walSync?.AfterCommit() ?? Task.CompletedTask;
            if (_walSync is null)
            {
                _checkpoints.Synced();
            }
        }
        finally
        {
            _gate.Release();
        }
        return new CommittedDurableLater<T>(result, WakeReadersWhenDurable(durable, committedSequence, appended, stages, committedAt));
    }

    private async Task WakeReadersWhenDurable(Task durable, long sequence, IReadOnlyList<StoredEvent> appended, LedgerMetrics? stages, long committedAt)
    {
        await durable.ConfigureAwait(false);
        stages?.BatchStage(BatchStages.Durable, Stopwatch.GetElapsedTime(committedAt));
        // Also moves the durable head (only ever up: without the sync thread two commits may come here in either order).
        Commits.Committed(sequence, appended);
    }

    /// <returns>Pages the writer wrote to the WAL since the last call.</returns>
    private int WalFramesWritten()
    {
        SQLitePCL.raw.sqlite3_db_status(Writer.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 1);
        return written;
    }

    /// <summary>Hands out the next event sequence inside a write; commit order is sequence order because writes are serial.</summary>
    internal long NextSequence() => ++LastSequence;

    private void Migrate()
    {
        var version = (int)ScalarLong(Writer, "PRAGMA user_version");
        for (var step = version; step < SqliteSchema.Migrations.Length; step++)
        {
            using var transaction = Writer.BeginTransaction();
            Execute(Writer, SqliteSchema.Migrations[step], transaction);
            Execute(Writer, $"PRAGMA user_version = {step + 1}", transaction);
            transaction.Commit();
        }
    }

    private Guid EnsureLedgerId()
    {
        // OR IGNORE: another process may have opened the same file first; its id stands.
        using var command = Writer.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO ledger_settings (name, value) VALUES ($name, $id);
            SELECT value FROM ledger_settings WHERE name = $name;
            """;
        command.Parameters.AddWithValue("$name", LedgerIdentity.SettingName);
        command.Parameters.AddWithValue("$id", LedgerIdentity.NewId());
        return Guid.Parse((string)command.ExecuteScalar()!);
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static long ScalarLong(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public void Dispose()
    {
        _walSync?.Dispose();
        _checkpoints.Dispose();
        lock (_statements)
        {
            _statements.ForEach(statement => statement.Dispose());
        }
        Writer.Dispose();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
