using StackExchange.Redis;
using Tally.Domain.Events;

namespace Tally.Views.Redis;

/// <summary>
/// A view kept in Redis. Each batch is cut into chunks; each chunk's changes are computed here and applied by
/// <see cref="ApplyScript"/> together with the checkpoint, so every event is counted exactly once even across crashes,
/// re-deliveries and several nodes.
/// </summary>
public abstract class RedisProjection(RedisViewStore store) : IProjection
{
    /// <summary>Events per script call: large enough to amortise the round trip, small enough not to stall Redis.</summary>
    public const int ChunkSize = 500;

    // The checkpoint as this node last knew it; the script checks it, so a stale value costs a retry, never a miscount.
    private long? _checkpoint;

    private ChangeSet _chunk = new();

    public abstract string Name { get; }

    private protected RedisViewStore Store => store;

    /// <summary>The changes of the chunk being described, which <see cref="Describe"/> adds to.</summary>
    private protected ChangeSet Chunk => _chunk;

    /// <summary>
    /// The checkpoint as stored now. Readers call this too, so it leaves the applying side's cached value alone: a
    /// reader's older answer, stored after a chunk moved the checkpoint, would cost the next chunk a wasted script call.
    /// </summary>
    public async ValueTask<long> ReadCheckpointAsync(CancellationToken ct)
    {
        var stored = await store.Database.HashGetAsync(store.Keys.Checkpoints, Name).ConfigureAwait(false);
        return stored.IsNull ? 0 : (long)stored;
    }

    public async ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }
        var checkpoint = _checkpoint ?? await ReadCheckpointAsync(ct).ConfigureAwait(false);
        var pending = Above(events, checkpoint);
        var start = 0;
        while (start < pending.Count)
        {
            ct.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkSize, pending.Count - start);
            var changes = new ChangeSet();
            _chunk = changes;
            for (var i = start; i < start + count; i++)
            {
                Describe(pending[i]);
            }
            var next = pending[start + count - 1].Sequence;
            var epoch = store.Epoch.Current;
            var announcement = Announces && changes.ChangedPolls.Count > 0
                ? new ChangeAnnouncement(store.NodeId, changes.ChangedPolls).ToString()
                : null;
            var outcome = await ApplyScript.RunAsync(store.Database, store.Keys, Name, checkpoint, next, epoch, announcement, changes)
                .ConfigureAwait(false);
            switch (outcome.Status)
            {
                case ApplyStatus.Applied:
                    checkpoint = next;
                    _checkpoint = next;
                    start += count;
                    Applied(changes.ChangedPolls);
                    break;
                case ApplyStatus.Fenced:
                    throw new ProjectionFencedException(Name, epoch ?? 0, outcome.Value);
                case ApplyStatus.StaleCheckpoint:
                    var stored = long.Parse(outcome.Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (stored < checkpoint)
                    {
                        _checkpoint = null;
                        throw new CheckpointMovedBackException(Name, checkpoint, stored);
                    }
                    // Another writer got further: skip what it already applied and carry on with the rest.
                    checkpoint = stored;
                    _checkpoint = stored;
                    pending = Above(pending.Skip(start).ToArray(), checkpoint);
                    start = 0;
                    break;
            }
        }
    }

    public async ValueTask ForgetAsync(CancellationToken ct)
    {
        foreach (var pattern in KeyPatterns)
        {
            foreach (var endpoint in store.Connection.GetEndPoints())
            {
                var keys = new List<RedisKey>();
                await foreach (var key in store.Connection.GetServer(endpoint).KeysAsync(pattern: pattern, pageSize: 1000).WithCancellation(ct).ConfigureAwait(false))
                {
                    keys.Add(key);
                }
                if (keys.Count > 0)
                {
                    await store.Database.KeyDeleteAsync(keys.ToArray()).ConfigureAwait(false);
                }
            }
        }
        // Last: should this stop half-way, the checkpoint is still above the ledger's head and the next run forgets again.
        await store.Database.HashDeleteAsync(store.Keys.Checkpoints, Name).ConfigureAwait(false);
        _checkpoint = null;
    }

    /// <summary>Patterns matching every key this view writes, and no other view's.</summary>
    private protected abstract IReadOnlyList<string> KeyPatterns { get; }

    /// <summary>Whether applied chunks announce their changed polls on the change channel.</summary>
    private protected virtual bool Announces => false;

    /// <summary>Adds what one event changes in this view to <see cref="Chunk"/>.</summary>
    private protected abstract void Describe(StoredEvent stored);

    /// <summary>Runs on this node after a chunk is applied and its checkpoint moved.</summary>
    private protected virtual void Applied(IReadOnlyCollection<Guid> pollIds)
    {
    }

    // Mirrors the memory views: an event at or below the running checkpoint is skipped, whatever order it came in.
    private static List<StoredEvent> Above(IReadOnlyList<StoredEvent> events, long checkpoint)
    {
        var pending = new List<StoredEvent>(events.Count);
        foreach (var e in events)
        {
            if (e.Sequence > checkpoint)
            {
                pending.Add(e);
                checkpoint = e.Sequence;
            }
        }
        return pending;
    }

    // TEMPORARY scaffolding until the views helpers' branches are merged.
    public IShadowProjection CreateShadow() => throw new NotSupportedException();

    public ValueTask RepairPollAsync(Guid pollId, IReadOnlyList<StoredEvent> pollEvents, CancellationToken ct) => throw new NotSupportedException();
}
