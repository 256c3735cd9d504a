using Microsoft.Data.Sqlite;

namespace Tally.Ledger.Sqlite;

/// <summary>
/// Copies the WAL into the database file on its own thread and connection, so the writer never runs a checkpoint inside
/// a COMMIT (SQLite's auto-checkpoint is off on the writer). A PASSIVE checkpoint copies the bulk alongside the writer,
/// but it never catches up with a writer that keeps committing, and a WAL that is never wholly copied is never started
/// over: it grows without end (the earlier try of background checkpoints, BENCHMARKS.md). So a second pass holds the
/// write gate, copies the few frames committed meanwhile and, once no reader still reads an older snapshot out of the
/// WAL, starts it over (RESTART): the next commit writes it from its beginning again. That pass runs on the writer's own
/// connection: a WAL started over by another connection makes the writer drop its whole page cache at its next write.
/// </summary>
internal sealed class SqliteCheckpoints : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _passive;
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _restart;
    private readonly int _writerBusyTimeoutMs;
    private readonly SemaphoreSlim _gate;
    private readonly long _thresholdFrames;
    private readonly AutoResetEvent _requested = new(false);
    private readonly ManualResetEventSlim _writersMayEnter = new(true);
    private readonly Thread _thread;
    private long _framesSinceReset;
    private long _nextAttemptAt;
    private long _completed;
    private volatile bool _stopping;

    /// <param name="writer">The writer's connection, used only holding <paramref name="gate"/>.</param>
    public SqliteCheckpoints(string connectionString, SqliteConnection writer, SemaphoreSlim gate, long thresholdFrames)
    {
        _writer = writer;
        _writerBusyTimeoutMs = (int)SqliteLedgerDatabase.ScalarLong(writer, "PRAGMA busy_timeout");
        _gate = gate;
        _thresholdFrames = thresholdFrames;
        _nextAttemptAt = thresholdFrames;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _passive = _connection.CreateCommand();
        _passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _restart = writer.CreateCommand();
        _restart.CommandText = "PRAGMA wal_checkpoint(RESTART)";
        _thread = new Thread(Run) { IsBackground = true, Name = "tally-wal-checkpoint" };
        _thread.Start();
    }

    /// <summary>Complete checkpoints so far: after each, the WAL was started over.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Call holding the write gate, after a COMMIT wrote <paramref name="frames"/> pages to the WAL.</summary>
    public void Written(long frames) => Interlocked.Add(ref _framesSinceReset, frames);

    /// <summary>
    /// The group-commit thread calls it before it takes the write gate: it waits while the checkpoint's last pass wants the
    /// gate, which a writer that never pauses would otherwise always win back first.
    /// </summary>
    public void WaitForTurn() => _writersMayEnter.Wait();

    /// <summary>Call once the WAL is synced: asks for a checkpoint when the WAL has grown past the threshold.</summary>
    public void Synced()
    {
        if (Due())
        {
            _requested.Set();
        }
    }

    private bool Due() => Interlocked.Read(ref _framesSinceReset) >= Interlocked.Read(ref _nextAttemptAt);

    private void Run()
    {
        while (true)
        {
            _requested.WaitOne();
            if (_stopping)
            {
                return;
            }
            if (!Due())
            {
                // Asked again while the last checkpoint ran, which has started the WAL over since.
                continue;
            }
            try
            {
                Checkpoint();
            }
            catch (SqliteException)
            {
                // Another process's checkpoint or a failing disk: the frames stay in the WAL, readable and durable, and the
                // next sync asks again once more frames came in.
                Interlocked.Exchange(ref _nextAttemptAt, Interlocked.Read(ref _framesSinceReset) + _thresholdFrames / 4 + 1);
            }
        }
    }

    private void Checkpoint()
    {
        Run(_passive);
        _writersMayEnter.Reset();
        _gate.Wait();
        try
        {
            // The restart waits for readers while votes wait for the gate: briefly, or it tries again later.
            SqliteLedgerDatabase.Execute(_writer, "PRAGMA busy_timeout = 50");
            bool restarted;
            try
            {
                restarted = Run(_restart);
            }
            finally
            {
                SqliteLedgerDatabase.Execute(_writer, $"PRAGMA busy_timeout = {_writerBusyTimeoutMs}");
            }
            if (restarted)
            {
                Interlocked.Exchange(ref _framesSinceReset, 0);
                Interlocked.Exchange(ref _nextAttemptAt, _thresholdFrames);
                Interlocked.Increment(ref _completed);
            }
            else
            {
                // A reader kept reading an older snapshot out of the WAL; try again after some more commits.
                Interlocked.Exchange(ref _nextAttemptAt, Interlocked.Read(ref _framesSinceReset) + _thresholdFrames / 4 + 1);
            }
        }
        finally
        {
            _gate.Release();
            _writersMayEnter.Set();
        }
    }

    /// <returns>Whether the checkpoint copied the whole WAL and did all its mode asks.</returns>
    private static bool Run(SqliteCommand checkpoint)
    {
        using var reader = checkpoint.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == 0 && reader.GetInt64(1) == reader.GetInt64(2);
    }

    public void Dispose()
    {
        _stopping = true;
        _requested.Set();
        _thread.Join();
        _passive.Dispose();
        _restart.Dispose();
        _connection.Dispose();
        _requested.Dispose();
        _writersMayEnter.Dispose();
    }
}
