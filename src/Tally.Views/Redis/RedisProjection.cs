using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;

namespace Tally.Views.Redis;

/// <summary>
/// A view kept in Redis, under its active generation (see <see cref="RedisKeys.Generations"/>). Each batch is cut into
/// chunks; each chunk's changes are computed here and applied by <see cref="ApplyScript"/> together with the
/// generation's checkpoint, so every event is counted exactly once even across crashes, re-deliveries and several
/// nodes, and nothing is written once the generation this node writes is no longer the active one.
/// </summary>
public abstract class RedisProjection(RedisViewStore store) : IProjection
{
    /// <summary>Events per script call: large enough to amortise the round trip, small enough not to stall Redis.</summary>
    public const int ChunkSize = 500;

    /// <summary>Chunks of one projection sent before the first one's answer: hides the round trip while replaying.</summary>
    public const int Pipeline = 4;

    // The generation this instance writes; null until it knows one. A live view writes the active generation, a shadow
    // its own one, never pointed to before its swap.
    private GenerationKeys? _written;

    // The generation the pointer must name while this instance writes: its own, or for a shadow the live one it replaces.
    private string? _pointer;

    // Once a live view has written, a missing pointer means its data was lost (a flush), never a first start.
    private bool _hadGeneration;

    // The checkpoint as this node last knew it; the script checks it, so a stale value costs a retry, never a miscount.
    private long? _checkpoint;

    // Set on a shadow: the live view it replaces, and the polls it changed, announced at its swap.
    private RedisProjection? _live;
    private readonly HashSet<Guid> _shadowPolls = [];

    private ChangeSet _chunk = new();

    public abstract string Name { get; }

    private protected RedisViewStore Store => store;

    /// <summary>The changes of the chunk being described, which <see cref="Describe"/> adds to.</summary>
    private protected ChangeSet Chunk => _chunk;

    /// <summary>The generation the chunk being described writes to.</summary>
    private protected GenerationKeys Keys => _written ?? throw new InvalidOperationException($"Projection '{Name}' describes a chunk without a generation.");

    /// <summary>The keys readers read now: the active generation as this node knows it, null when there is none.</summary>
    private protected ValueTask<GenerationKeys?> ReadKeysAsync() => store.Generations.ActiveAsync(Name);

    /// <summary>
    /// The checkpoint as stored now: of the generation this node writes, else of the active one. Readers call this too, so
    /// it leaves the applying side's cached value alone: a reader's older answer, stored after a chunk moved the
    /// checkpoint, would cost the next chunk a wasted script call.
    /// </summary>
    public async ValueTask<long> ReadCheckpointAsync(CancellationToken ct) =>
        await CheckpointOfAsync(_written ?? await ReadKeysAsync().ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>The checkpoint stored in a generation; 0 for none.</summary>
    private protected async Task<long> CheckpointOfAsync(GenerationKeys? generation)
    {
        if (generation is null)
        {
            return 0;
        }
        var stored = await store.Database.StringGetAsync(generation.Checkpoint).ConfigureAwait(false);
        return stored.IsNull ? 0 : (long)stored;
    }

    public async ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }
        var written = await WrittenAsync().ConfigureAwait(false);
        var checkpoint = _checkpoint ?? await CheckpointOfAsync(written).ConfigureAwait(false);
        var pending = Above(events, checkpoint);
        var start = 0;
        // Chunks are pipelined: each expects the checkpoint the one before it moves to, and Redis runs them in the order
        // sent, so once one is refused every later one is refused too, or applies on exactly the state it expects.
        var inFlight = new Queue<SentChunk>(Pipeline);
        var sendFrom = 0;
        var sent = checkpoint;
        try
        {
            while (start < pending.Count)
            {
                ct.ThrowIfCancellationRequested();
                while (sendFrom < pending.Count && inFlight.Count < Pipeline)
                {
                    var chunk = Send(written, pending, sendFrom, sent);
                    inFlight.Enqueue(chunk);
                    sent = chunk.Next;
                    sendFrom = chunk.End;
                }
                var head = inFlight.Dequeue();
                var outcome = await head.Outcome.ConfigureAwait(false);
                if (outcome.Status == ApplyStatus.Applied)
                {
                    checkpoint = head.Next;
                    _checkpoint = checkpoint;
                    start = head.End;
                    Published(head.Changes.ChangedPolls);
                    continue;
                }
                await DrainAsync(inFlight).ConfigureAwait(false);
                if (outcome.Status != ApplyStatus.StaleCheckpoint)
                {
                    throw Refused(outcome, head.Epoch);
                }
                var stored = long.Parse(outcome.Value, CultureInfo.InvariantCulture);
                if (stored < checkpoint)
                {
                    throw new CheckpointMovedBackException(Name, checkpoint, stored);
                }
                // Another writer got further: skip what it (or a later chunk of ours) applied and carry on with the rest.
                checkpoint = await CheckpointOfAsync(written).ConfigureAwait(false);
                _checkpoint = checkpoint;
                pending = Above(pending.Skip(head.Start).ToArray(), checkpoint);
                start = 0;
                sendFrom = 0;
                sent = checkpoint;
            }
        }
        catch
        {
            _checkpoint = null;
            throw;
        }
    }

    /// <summary>
    /// Points this view at a new, empty generation in one step (readers see an empty view, checkpoint 0, from then on);
    /// the former generation's keys are deleted after the grace period.
    /// </summary>
    public async ValueTask ForgetAsync(CancellationToken ct)
    {
        var fresh = store.Keys.Generation(RedisGenerations.NewId());
        var outcome = await SwapScript.RunAsync(store, Name, fresh, live: null, announcement: null).ConfigureAwait(false);
        if (outcome.Status != ApplyStatus.Applied)
        {
            throw Refused(outcome, store.Epoch.Current);
        }
        Adopt(fresh, 0);
        store.Generations.Invalidate();
        store.Generations.SweepLater();
    }

    public IShadowProjection CreateShadow()
    {
        var twin = Twin();
        twin._live = this;
        twin._written = store.Keys.Generation(RedisGenerations.NewId());
        twin._pointer = _written?.Id;
        return new RedisShadowProjection(twin, store);
    }

    public async ValueTask RepairPollAsync(Guid pollId, IReadOnlyList<StoredEvent> pollEvents, CancellationToken ct)
    {
        var written = await WrittenAsync().ConfigureAwait(false);
        var stale = await PollKeysAsync(written, pollId, ct).ConfigureAwait(false);
        var changes = new ChangeSet();
        _chunk = changes;
        var clear = changes.Unguarded();
        foreach (var key in stale)
        {
            clear.Delete(key);
        }
        changes.Barrier();
        foreach (var stored in pollEvents)
        {
            Describe(stored);
        }
        var epoch = store.Epoch.Current;
        // Every view announces a repair, which moves no checkpoint: near caches cannot tell which of their values predate it.
        var announcement = !IsShadow && changes.ChangedPolls.Count > 0 ? new ChangeAnnouncement(store.NodeId, changes.ChangedPolls).ToString() : null;
        var outcome = await ApplyScript.RunAsync(store.Database, store.Keys, Name, written, _pointer!, expected: null, next: 0, epoch, announcement, changes)
            .ConfigureAwait(false);
        if (outcome.Status != ApplyStatus.Applied)
        {
            throw Refused(outcome, epoch);
        }
        store.Announced.ChangedHere();
        Published(changes.ChangedPolls);
    }

    /// <summary>Every key of <paramref name="generation"/> that holds something about one poll, to clear before a repair.</summary>
    private protected abstract ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct);

    /// <summary>A new, empty instance of the same view on the same store, to become a shadow.</summary>
    private protected abstract RedisProjection Twin();

    /// <summary>What a generation of this view counts for one poll; empty for views that do not count votes.</summary>
    private protected virtual ValueTask<IReadOnlyList<HeldVotes>> CountInAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<HeldVotes>>([]);

    /// <summary>Whether applied chunks announce their changed polls on the change channel.</summary>
    private protected virtual bool Announces => false;

    /// <summary>Adds what one event changes in this view to <see cref="Chunk"/>.</summary>
    private protected abstract void Describe(StoredEvent stored);

    /// <summary>Runs on this node after a chunk is applied and its checkpoint moved, or after a repair or a swap.</summary>
    private protected virtual void Applied(IReadOnlyCollection<Guid> pollIds)
    {
    }

    /// <summary>Whether every applied chunk is announced with the checkpoint it reached (<see cref="AnnouncedChanges"/>).</summary>
    internal bool AnnouncesChunks => Announces;

    internal bool IsShadow => _live is not null;

    internal GenerationKeys ShadowGeneration => _written!;

    internal ValueTask<IReadOnlyList<HeldVotes>> CountShadowAsync(Guid pollId, CancellationToken ct) => CountInAsync(_written!, pollId, ct);

    /// <summary>Makes this shadow the live view, on every node; see <see cref="IShadowProjection.SwapInAsync"/>.</summary>
    internal async Task SwapInAsync()
    {
        var live = _live!;
        var replaced = await live.WrittenAsync().ConfigureAwait(false);
        // The shadow is checked against the live generation it was made against; made before the live view knew one, the
        // live one it knows now.
        _pointer ??= replaced.Id;
        if (_pointer != replaced.Id)
        {
            throw new ViewsLostException($"Projection '{Name}': the shadow was made against generation '{_pointer}', the live view writes '{replaced.Id}'.");
        }
        var announcement = live.Announces && _shadowPolls.Count > 0 ? new ChangeAnnouncement(store.NodeId, _shadowPolls).ToString() : null;
        var outcome = await SwapScript.RunAsync(store, Name, _written!, replaced, announcement).ConfigureAwait(false);
        if (outcome.Status == ApplyStatus.StaleCheckpoint)
        {
            throw new InvalidOperationException(
                $"Projection '{Name}': the shadow is at checkpoint {await CheckpointOfAsync(_written).ConfigureAwait(false)}, the live view at {outcome.Value}; swap only a shadow that caught up.");
        }
        if (outcome.Status != ApplyStatus.Applied)
        {
            throw Refused(outcome, store.Epoch.Current);
        }
        live.Adopt(_written!, await CheckpointOfAsync(_written).ConfigureAwait(false));
        store.Generations.Invalidate();
        store.Generations.SweepLater();
        live.Applied(_shadowPolls);
    }

    /// <summary>From now on this live view writes <paramref name="generation"/>, which holds <paramref name="checkpoint"/>.</summary>
    internal void Adopt(GenerationKeys generation, long? checkpoint)
    {
        _written = generation;
        _pointer = generation.Id;
        _hadGeneration = true;
        _checkpoint = checkpoint;
    }

    /// <summary>
    /// The generation this instance writes. A live view that knows none adopts the active one; when there is none, a view
    /// that never wrote starts the first (a new store), and one that did is refused: its data was lost.
    /// </summary>
    private async ValueTask<GenerationKeys> WrittenAsync()
    {
        if (_written is { } known)
        {
            if (_live is { } live)
            {
                _pointer ??= (await live.WrittenAsync().ConfigureAwait(false)).Id;
            }
            return known;
        }
        var active = await store.Database.HashGetAsync(store.Keys.Generations, Name).ConfigureAwait(false);
        if (active.IsNull)
        {
            if (_hadGeneration)
            {
                throw new ViewsLostException($"Projection '{Name}' has no active generation in Redis: its data was lost.");
            }
            // Two nodes starting at once agree on whichever generation was stored first.
            await store.Database.HashSetAsync(store.Keys.Generations, Name, RedisGenerations.NewId(), When.NotExists).ConfigureAwait(false);
            active = await store.Database.HashGetAsync(store.Keys.Generations, Name).ConfigureAwait(false);
        }
        var generation = store.Keys.Generation(active!);
        Adopt(generation, null);
        return generation;
    }

    /// <summary>Describes the chunk from <paramref name="start"/> and sends it, expecting <paramref name="expected"/>, without waiting for the answer.</summary>
    private SentChunk Send(GenerationKeys written, List<StoredEvent> pending, int start, long expected)
    {
        var end = Math.Min(start + ChunkSize, pending.Count);
        var changes = new ChangeSet();
        _chunk = changes;
        for (var i = start; i < end; i++)
        {
            Describe(pending[i]);
        }
        var next = pending[end - 1].Sequence;
        var epoch = store.Epoch.Current;
        var outcome = ApplyScript.RunAsync(store.Database, store.Keys, Name, written, _pointer!, expected, next, epoch, Announcement(changes, next), changes);
        return new SentChunk(start, end, next, epoch, changes, outcome);
    }

    /// <summary>Waits for chunks sent behind a refused one; those that still applied (on another writer's state) are published.</summary>
    private async Task DrainAsync(Queue<SentChunk> inFlight)
    {
        while (inFlight.TryDequeue(out var chunk))
        {
            if ((await chunk.Outcome.ConfigureAwait(false)).Status == ApplyStatus.Applied)
            {
                Published(chunk.Changes.ChangedPolls);
            }
        }
    }

    // Every chunk, even one that changed no poll, so a node that heard them all knows how far its near cache can trust.
    private string? Announcement(ChangeSet changes, long next) =>
        !IsShadow && Announces ? new ChangeAnnouncement(store.NodeId, changes.ChangedPolls, next).ToString() : null;

    // A shadow publishes nothing until its swap; it remembers what to announce then.
    private void Published(IReadOnlyCollection<Guid> pollIds)
    {
        if (IsShadow)
        {
            _shadowPolls.UnionWith(pollIds);
        }
        else
        {
            Applied(pollIds);
        }
    }

    private Exception Refused(ApplyOutcome outcome, long? epoch)
    {
        var refusal = outcome.Refusal(Name, epoch, _pointer ?? "none");
        if (outcome.Status == ApplyStatus.Lost && !IsShadow)
        {
            // Forget the generation: once the daemon checked the views again, the next apply adopts the active one.
            _written = null;
            _pointer = null;
            _checkpoint = null;
        }
        return refusal;
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
}
