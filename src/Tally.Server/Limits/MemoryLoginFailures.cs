using System.Collections.Concurrent;

namespace Tally.Server.Limits;

/// <summary>
/// Failed logins in this node's memory: the embedded mode's store, and in Redis mode what this node knows, which stands in
/// while Redis is away (see <see cref="RedisLoginFailures"/>). At
/// most <see cref="LoginFailureLimits.MaxTracked"/> keys are kept: when full, expired records go first, then the
/// unlocked ones soonest to expire; a locked one is never forgotten early.
/// </summary>
public sealed class MemoryLoginFailures : ILoginFailures, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, FailureRecord> _records = new();
    private readonly Lock _making = new();
    private readonly Timer _sweep;
    private readonly int _maxTracked;
    private int _tracked;

    public MemoryLoginFailures(LimitsOptions options)
    {
        _maxTracked = options.LoginFailures.MaxTracked;
        _sweep = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    /// <summary>How many keys are tracked now.</summary>
    internal int Tracked => Volatile.Read(ref _tracked);

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

    /// <summary>Takes <paramref name="failures"/>, counted elsewhere (Redis, for every node), as the key's count from now on.</summary>
    public long Remember(string key, long failures, TimeSpan window) => Update(key, (record, now) =>
    {
        record.Failures = failures;
        record.ForgetAt = now + (long)window.TotalMilliseconds;
        return failures;
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
            var record = RecordOf(key);
            lock (record)
            {
                if (!record.Retired)
                {
                    return change(record, Environment.TickCount64);
                }
            }
        }
    }

    private FailureRecord RecordOf(string key)
    {
        while (true)
        {
            if (_records.TryGetValue(key, out var record))
            {
                return record;
            }
            if (Tracked >= _maxTracked)
            {
                MakeRoom();
            }
            var fresh = new FailureRecord();
            if (_records.TryAdd(key, fresh))
            {
                Interlocked.Increment(ref _tracked);
                return fresh;
            }
        }
    }

    // Frees a tenth of the table at once, so a flood of new keys pays for a scan once per so many keys, not on each.
    private void MakeRoom()
    {
        lock (_making)
        {
            var target = _maxTracked - Math.Max(1, _maxTracked / 10);
            if (Tracked < _maxTracked)
            {
                return;
            }
            var now = Environment.TickCount64;
            Sweep();
            if (Tracked <= target)
            {
                return;
            }
            // Below the threshold a record is only a count; the ones soonest forgotten anyway go first. When every record
            // is locked the table grows past the cap: each lock cost the attacker Threshold password hashes.
            var unlocked = new List<(KeyValuePair<string, FailureRecord> Entry, long ForgetAt)>();
            foreach (var entry in _records)
            {
                lock (entry.Value)
                {
                    if (entry.Value.LockedUntil <= now)
                    {
                        unlocked.Add((entry, entry.Value.ForgetAt));
                    }
                }
            }
            unlocked.Sort((a, b) => a.ForgetAt.CompareTo(b.ForgetAt));
            Func<FailureRecord, bool> unlockedNow = record => record.LockedUntil <= now;
            foreach (var (entry, _) in unlocked)
            {
                if (Tracked <= target)
                {
                    return;
                }
                Retire(entry, unlockedNow);
            }
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        Func<FailureRecord, bool> expired = record => record.ForgetAt <= now && record.LockedUntil <= now;
        foreach (var entry in _records)
        {
            Retire(entry, expired);
        }
    }

    private void Retire(KeyValuePair<string, FailureRecord> entry, Func<FailureRecord, bool> may)
    {
        var record = entry.Value;
        lock (record)
        {
            if (may(record) && _records.TryRemove(entry))
            {
                record.Retired = true;
                Interlocked.Decrement(ref _tracked);
            }
        }
    }

    public void Dispose() => _sweep.Dispose();
}
