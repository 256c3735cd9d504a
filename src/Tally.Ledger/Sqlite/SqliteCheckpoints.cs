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
/// A disk slower than the writer would still let the WAL grow by all it writes during one checkpoint; past a ceiling of
/// four thresholds the group-commit thread waits for the running checkpoint instead, as SQLite's own inline one would.
/// </summary>
internal sealed class SqliteCheckpoints : IDisposable
{
    /// <summary>How far past the threshold the WAL may grow, in thresholds, before commits wait for the checkpoint.</summary>
    public const int CeilingInThresholds = 4;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _passive;
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _restart;
    private readonly int _writerBusyTimeoutMs;
    private readonly SemaphoreSlim _gate;
    private readonly long _thresholdFrames;
    private readonly long _ceilingFrames;
    private readonly Lock _turns = new();
    private readonly AutoResetEvent _requested = new(false);
    private readonly ManualResetEventSlim _writersMayEnter = new(true);
    private readonly Thread _thread;
    private long _framesSinceReset;
    private long _nextAttemptAt;
    private long _completed;
    private bool _pending;
    private volatile bool _stopping;

    /// <param name="writer">The writer's connection, used only holding <paramref name="gate"/>.</param>
    public SqliteCheckpoints(string connectionString, SqliteConnection writer, SemaphoreSlim gate, long thresholdFrames)
    {
        _writer = writer;
        _writerBusyTimeoutMs = (int)SqliteLedgerDatabase.ScalarLong(writer, "PRAGMA busy_timeout");
        _gate = gate;
        _thresholdFrames = thresholdFrames;
        _ceilingFrames = thresholdFrames * CeilingInThresholds;
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
    public void Written(long frames)
    {
        if (Interlocked.Add(ref _framesSinceReset, frames) >= _ceilingFrames)
        {
            HoldWritersWhilePending();
        }
    }

    /// <summary>
    /// The group-commit thread calls it before it takes the write gate: it waits while the checkpoint's last pass wants the
    /// gate, which a writer that never pauses would otherwise always win back first, and while the WAL is past its ceiling.
    /// </summary>
    public void WaitForTurn() => _writersMayEnter.Wait();

    /// <summary>Call once the WAL is synced: asks for a checkpoint when the WAL has grown past the threshold.</summary>
    public void Synced()
    {
        if (!Due())
        {
            return;
        }
        AttemptPending();
        _requested.Set();
    }

    private bool PastCeiling => Interlocked.Read(ref _framesSinceReset) >= _ceilingFrames;

    private void AttemptPending()
    {
        lock (_turns)
        {
            _pending = true;
        }
        if (PastCeiling)
        {
            HoldWritersWhilePending();
        }
    }

    // Only while an attempt is asked for or running: its end lets the writers in again, whatever it achieved.
    private void HoldWritersWhilePending()
    {
        lock (_turns)
        {
            if (_pending && !_stopping)
            {
                _writersMayEnter.Reset();
            }
        }
    }

    private void AttemptEnded()
    {
        lock (_turns)
        {
            _pending = false;
            _writersMayEnter.Set();
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
            try
            {
                if (Due())
                {
                    AttemptPending();
                    Checkpoint();
                }
                // Otherwise asked again while the last checkpoint ran, which has started the WAL over since.
            }
            catch (SqliteException)
            {
                // Another process's checkpoint or a failing disk: the frames stay in the WAL, readable and durable, and the
                // next sync asks again once more frames came in.
                Interlocked.Exchange(ref _nextAttemptAt, Interlocked.Read(ref _framesSinceReset) + _thresholdFrames / 4 + 1);
            }
            finally
            {
                AttemptEnded();
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
            // The restart waits for readers while votes wait for the gate: briefly, or it tries again later (a reader that
            // holds a snapshot for long pins the WAL, past the ceiling too; votes must not wait for it).
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
        lock (_turns)
        {
            _stopping = true;
            _writersMayEnter.Set();
        }
        _requested.Set();
        _thread.Join();
        _passive.Dispose();
        _restart.Dispose();
        _connection.Dispose();
        _requested.Dispose();
        _writersMayEnter.Dispose();
    }
}
