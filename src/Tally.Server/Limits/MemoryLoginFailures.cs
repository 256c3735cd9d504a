using System.Collections.Concurrent;

namespace Tally.Server.Limits;

/// <summary>Failed logins in this node's memory: the embedded mode's store, and every node's fallback while Redis is away.</summary>
public sealed class MemoryLoginFailures : ILoginFailures, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, FailureRecord> _records = new();
    private readonly Timer _sweep;

    public MemoryLoginFailures()
    {
        _sweep = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public ValueTask<TimeSpan> LockedForAsync(IReadOnlyList<string> keys) => ValueTask.FromResult(LockedFor(keys));

    public ValueTask<long> CountFailureAsync(string key, TimeSpan window) => ValueTask.FromResult(CountFailure(key, window));

    public ValueTask LockAsync(string key, TimeSpan lockout)
    {
        Lock(key, lockout);
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string key)
    {
        Forget(key);
        return ValueTask.CompletedTask;
    }

    public TimeSpan LockedFor(IReadOnlyList<string> keys)
    {
        var now = Environment.TickCount64;
        var longest = 0L;
        for (var i = 0; i < keys.Count; i++)
        {
            if (_records.TryGetValue(keys[i], out var record))
            {
                lock (record)
                {
                    longest = Math.Max(longest, record.LockedUntil - now);
                }
            }
        }
        return TimeSpan.FromMilliseconds(longest);
    }

    public long CountFailure(string key, TimeSpan window) => Update(key, (record, now) =>
    {
        record.Failures = now < record.ForgetAt ? record.Failures + 1 : 1;
        record.ForgetAt = now + (long)window.TotalMilliseconds;
        return record.Failures;
    });

    public void Lock(string key, TimeSpan lockout) => Update(key, (record, now) =>
    {
        record.LockedUntil = Math.Max(record.LockedUntil, now + (long)lockout.TotalMilliseconds);
        return 0L;
    });

    public void Forget(string key)
    {
        if (_records.TryGetValue(key, out var record))
        {
            lock (record)
            {
                record.Failures = 0;
            }
        }
    }

    private long Update(string key, Func<FailureRecord, long, long> change)
    {
        while (true)
        {
            var record = _records.GetOrAdd(key, static _ => new FailureRecord());
            lock (record)
            {
                if (!record.Retired)
                {
                    return change(record, Environment.TickCount64);
                }
            }
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var entry in _records)
        {
            var record = entry.Value;
            lock (record)
            {
                if (record.ForgetAt <= now && record.LockedUntil <= now)
                {
                    record.Retired = true;
                    _records.TryRemove(entry);
                }
            }
        }
    }

    public void Dispose() => _sweep.Dispose();
}
