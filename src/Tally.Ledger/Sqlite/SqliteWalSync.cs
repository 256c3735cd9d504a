using Microsoft.Win32.SafeHandles;

namespace Tally.Ledger.Sqlite;

/// <summary>
/// Pipelined durability for the embedded ledger. Transactions commit with SQLite's synchronous=NORMAL (written to the WAL,
/// not yet synced), and this thread fsyncs the WAL file behind them: one fsync covers every transaction committed before it
/// started, and the writer goes on with the next batch meanwhile instead of waiting for the disk.
/// A caller is answered only after the fsync that covers its commit, so an acknowledged vote survives a power cut.
/// (SQLite itself syncs the WAL before every checkpoint, so frames it moves into the database file were durable already.)
/// </summary>
internal sealed class SqliteWalSync : IDisposable
{
    private readonly string _walPath;
    private readonly Lock _lock = new();
    private readonly AutoResetEvent _requested = new(false);
    private readonly Thread _thread;
    private readonly Action _afterSync;
    private TaskCompletionSource? _pending;
    private SafeFileHandle? _wal;
    private volatile bool _stopping;

    /// <summary>Runs on the sync thread just before each fsync; a test holds it there to see a commit that is not yet durable.</summary>
    internal Action? BeforeSync { get; set; }

    /// <param name="afterSync">Runs on the sync thread after each fsync, once the commits it covered were answered.</param>
    public SqliteWalSync(string databasePath, Action afterSync)
    {
        _walPath = databasePath + "-wal";
        _afterSync = afterSync;
        _thread = new Thread(Run) { IsBackground = true, Name = "tally-wal-sync" };
        _thread.Start();
    }

    /// <summary>Call right after a COMMIT returned: completes once that commit is on disk.</summary>
    public Task AfterCommit()
    {
        lock (_lock)
        {
            if (_pending is null)
            {
                // Continuations run on this thread right after the fsync: they only hand answers back, never do request work.
                _pending = new TaskCompletionSource();
                _requested.Set();
            }
            return _pending.Task;
        }
    }

    private void Run()
    {
        while (true)
        {
            if (!_stopping)
            {
                _requested.WaitOne();
            }
            TaskCompletionSource? covered;
            // Swapped under the lock: every commit that took this task did so before the fsync below begins.
            lock (_lock)
            {
                covered = _pending;
                _pending = null;
            }
            if (covered is null)
            {
                if (_stopping)
                {
                    return;
                }
                continue;
            }
            try
            {
                BeforeSync?.Invoke();
                _wal ??= File.OpenHandle(_walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(_wal);
                covered.SetResult();
            }
            catch (Exception ex)
            {
                // The commits are in the WAL and visible, only their durability is in doubt.
                covered.SetException(new LedgerOutcomeUnknownException("The ledger could not sync its log to disk: the change may not survive a power cut.", ex));
            }
            _afterSync();
        }
    }

    public void Dispose()
    {
        // Commits already made still get their fsync before the thread ends.
        _stopping = true;
        _requested.Set();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
        _wal?.Dispose();
        _requested.Dispose();
    }
}
