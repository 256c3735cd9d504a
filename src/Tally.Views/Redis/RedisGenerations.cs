using System.Security.Cryptography;
using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// This node's knowledge of which generation of each projection is active, and the removal of those no longer active.
/// Readers take a projection's generation once per answer from here, so no answer mixes two generations' keys. The
/// pointers are read at first use, read again when a swap is announced (<see cref="Invalidate"/>) and, as a fallback
/// for a missed announcement, once they are older than the refresh interval; a retired generation outlives that by
/// the grace period before its keys are deleted, so readers that still hold it finish their answer.
/// </summary>
public sealed class RedisGenerations(IConnectionMultiplexer redis, IDatabase database, RedisKeys keys, TimeSpan refresh, TimeSpan grace)
{
    private const int PageSize = 1000;

    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, GenerationKeys>? _active;
    private long _readAt;
    private long _version;

    /// <summary>A new generation id: random, so one a flush forgot is never handed out again to another writer.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>When a generation retired now may be deleted, in Unix milliseconds (the score in <see cref="RedisKeys.Retired"/>).</summary>
    public long RetireAt => DateTimeOffset.UtcNow.Add(grace).ToUnixTimeMilliseconds();

    /// <summary>The keys of the projection's active generation, or null when it has none (new, or flushed).</summary>
    public async ValueTask<GenerationKeys?> ActiveAsync(string projection)
    {
        IReadOnlyDictionary<string, GenerationKeys>? active;
        long version;
        lock (_gate)
        {
            active = _active;
            version = _version;
            // A projection without a generation is not remembered as such: it gets one at its first write, unannounced.
            if (active is not null && (Environment.TickCount64 - _readAt >= refresh.TotalMilliseconds || !active.ContainsKey(projection)))
            {
                active = null;
            }
        }
        if (active is null)
        {
            var stored = await database.HashGetAllAsync(keys.Generations).ConfigureAwait(false);
            active = stored.ToDictionary(e => (string)e.Name!, e => keys.Generation(e.Value!), StringComparer.Ordinal);
            lock (_gate)
            {
                // A swap learnt while this read was in flight is newer than what it saw: keep the cache empty for it.
                if (_version == version)
                {
                    _active = active;
                    _readAt = Environment.TickCount64;
                }
            }
        }
        return active.GetValueOrDefault(projection);
    }

    /// <summary>Forgets what this node knows: the next reader reads the pointers again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _version++;
            _active = null;
        }
    }

    /// <summary>Deletes the retired generations whose grace period is over, after the grace period from now.</summary>
    public void SweepLater() => _ = SweepAfterGraceAsync();

    /// <summary>Deletes every retired generation whose grace period is over, unless it became active again.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var due = await database.SortedSetRangeByScoreAsync(keys.Retired, double.NegativeInfinity, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            .ConfigureAwait(false);
        if (due.Length == 0)
        {
            return;
        }
        var active = (await database.HashValuesAsync(keys.Generations).ConfigureAwait(false)).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
        foreach (var id in due)
        {
            if (!active.Contains((string)id!))
            {
                await DeleteAsync(keys.Generation(id!), ct).ConfigureAwait(false);
            }
            await database.SortedSetRemoveAsync(keys.Retired, id).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every key of a generation: found by SCAN and unlinked a page at a time, never KEYS in one go.</summary>
    public async Task DeleteAsync(GenerationKeys generation, CancellationToken ct)
    {
        foreach (var key in await FindAsync(generation.Pattern, ct).ConfigureAwait(false))
        {
            await UnlinkAsync(key).ConfigureAwait(false);
        }
    }

    /// <summary>Every key matching <paramref name="pattern"/> on the primaries, by SCAN, in pages.</summary>
    public async Task<IReadOnlyList<RedisKey[]>> FindAsync(string pattern, CancellationToken ct)
    {
        var pages = new List<RedisKey[]>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }
            var page = new List<RedisKey>(PageSize);
            await foreach (var key in server.KeysAsync(database.Database, pattern, PageSize).WithCancellation(ct).ConfigureAwait(false))
            {
                page.Add(key);
                if (page.Count == PageSize)
                {
                    pages.Add([.. page]);
                    page.Clear();
                }
            }
            if (page.Count > 0)
            {
                pages.Add([.. page]);
            }
        }
        return pages;
    }

    private Task UnlinkAsync(RedisKey[] page) => database.ExecuteAsync("UNLINK", page.Select(k => (object)k).ToArray());

    private async Task SweepAfterGraceAsync()
    {
        try
        {
            await Task.Delay(grace + TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            await SweepAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Left in the retired set: the next sweep, after the next swap on any node, deletes it.
        }
    }
}
