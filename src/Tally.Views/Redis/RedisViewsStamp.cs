using System.Globalization;
using StackExchange.Redis;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// The views stamp in its own hash (<see cref="RedisKeys.Stamp"/>), outside every generation: a FLUSHALL takes it with
/// the views, so a missing stamp says the views are not this ledger's any more. Starting a stamp gives every projection
/// a fresh, empty generation in the same atomic step.
/// </summary>
public sealed class RedisViewsStamp(RedisViewStore store, IEnumerable<IProjection> projections) : IViewsStamp
{
    private const string Name = "views_stamp";

    // KEYS[1] stamp, KEYS[2] epoch, KEYS[3] generations, KEYS[4] retired set. ARGV: epoch, retire at, generation, ledger,
    // checkpoint, hash, channel, message, then projection and fresh generation pairs.
    private const string StartSource = """
        local epoch = ARGV[1]
        """ + FenceScript.Check + FenceScript.Raise + """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'generation', ARGV[3], 'ledger', ARGV[4], 'checkpoint', ARGV[5], 'hash', ARGV[6])
        for i = 9, #ARGV, 2 do
          local old = redis.call('HGET', KEYS[3], ARGV[i])
          if old then redis.call('ZADD', KEYS[4], ARGV[2], old) end
          redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
        end
        redis.call('PUBLISH', ARGV[7], ARGV[8])
        return {'applied', ARGV[3]}
        """;

    // KEYS[1] stamp, KEYS[2] epoch. ARGV: epoch, generation, checkpoint, hash.
    private const string RecordSource = """
        local epoch = ARGV[1]
        """ + FenceScript.Check + """
        local stored = redis.call('HGET', KEYS[1], 'generation')
        if stored ~= ARGV[2] then return {'lost', stored or ''} end
        """ + FenceScript.Raise + """
        redis.call('HSET', KEYS[1], 'checkpoint', ARGV[3], 'hash', ARGV[4])
        return {'applied', ARGV[3]}
        """;

    private readonly RedisProjection[] _projections = projections.OfType<RedisProjection>().ToArray();

    public async ValueTask<ViewsStamp?> ReadAsync(CancellationToken ct)
    {
        var fields = (await store.Database.HashGetAllAsync(store.Keys.Stamp).ConfigureAwait(false))
            .ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
        // A stamp missing any part is no stamp: the views cannot say whose they are.
        if (!fields.TryGetValue("generation", out var generation) || !Guid.TryParseExact(generation, "N", out var id)
            || !fields.TryGetValue("ledger", out var ledger) || !Guid.TryParseExact(ledger, "N", out var ledgerId)
            || !fields.TryGetValue("checkpoint", out var checkpoint) || !long.TryParse(checkpoint, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !fields.TryGetValue("hash", out var hash))
        {
            return null;
        }
        return new ViewsStamp(id, ledgerId, at, hash);
    }

    public async ValueTask StartAsync(ViewsStamp stamp, CancellationToken ct)
    {
        var fresh = _projections.Select(p => (Projection: p, Generation: store.Keys.Generation(RedisGenerations.NewId()))).ToArray();
        RedisValue[] args =
        [
            Epoch, store.Generations.RetireAt, stamp.Generation.ToString("N"), stamp.LedgerId.ToString("N"), stamp.Checkpoint, stamp.CheckpointHash,
            store.Keys.Changes.ToString(), ChangeAnnouncement.GenerationsMoved,
            .. fresh.SelectMany(f => new RedisValue[] { f.Projection.Name, f.Generation.Id }),
        ];
        await RunAsync(StartSource, [store.Keys.Stamp, store.Keys.LeaderEpoch, store.Keys.Generations, store.Keys.Retired], args, stamp)
            .ConfigureAwait(false);
        foreach (var (projection, generation) in fresh)
        {
            projection.Adopt(generation, 0);
        }
        store.Generations.Invalidate();
        store.Generations.SweepLater();
    }

    public async ValueTask RecordAsync(ViewsStamp stamp, CancellationToken ct) =>
        await RunAsync(RecordSource, [store.Keys.Stamp, store.Keys.LeaderEpoch],
            [Epoch, stamp.Generation.ToString("N"), stamp.Checkpoint, stamp.CheckpointHash], stamp).ConfigureAwait(false);

    private RedisValue Epoch => store.Epoch.Current is { } epoch ? epoch : RedisValue.EmptyString;

    private async Task RunAsync(string source, RedisKey[] keys, RedisValue[] args, ViewsStamp stamp)
    {
        var outcome = ApplyOutcome.Of(await store.Database.ScriptEvaluateAsync(source, keys, args).ConfigureAwait(false));
        if (outcome.Status != ApplyStatus.Applied)
        {
            throw outcome.Refusal(Name, store.Epoch.Current, stamp.Generation.ToString("N"));
        }
    }
}
