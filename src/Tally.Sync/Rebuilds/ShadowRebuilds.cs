using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;
using Tally.Sync.Counting;
using Tally.Views;

namespace Tally.Sync.Rebuilds;

/// <summary>
/// Rebuilds one projection beside the live one: replays the log into a shadow (throttled while votes flow, so live
/// counters keep moving), checks the shadow against the ledger at one sequence, and only when every counted cell
/// matches has the daemon catch it up and swap it in between two batches. A mismatch keeps the live view and is reported.
/// One rebuild at a time per node.
/// </summary>
public sealed class ShadowRebuilds(
    IEnumerable<IProjection> projections,
    IEventLog log,
    LedgerCommits commits,
    LedgerComparison comparison,
    BetweenBatches betweenBatches,
    SyncMetrics metrics,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<ShadowRebuilds> logger) : IAsyncDisposable
{
    private const int SampleSize = 20;

    private readonly Dictionary<string, IProjection> _projections = projections.ToDictionary(p => p.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RebuildStatus> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RebuildStatus> _lastSwap = new(StringComparer.Ordinal);
    private readonly SyncOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private Task _rebuild = Task.CompletedTask;

    public IReadOnlyCollection<string> Names => _projections.Keys;

    public bool Knows(string name) => _projections.ContainsKey(name);

    /// <summary>The running or last rebuild of <paramref name="name"/>, if any.</summary>
    public RebuildStatus? StatusOf(string name) => _last.GetValueOrDefault(name);

    /// <summary>The last rebuild of <paramref name="name"/> that was swapped in, if any.</summary>
    public RebuildStatus? LastSwapOf(string name) => _lastSwap.GetValueOrDefault(name);

    /// <summary>True while a rebuild runs on this node.</summary>
    public bool Running => Volatile.Read(ref _running) != 0;

    /// <summary>Starts a rebuild of <paramref name="name"/>; null when one is already running on this node.</summary>
    public RebuildStatus? Start(string name)
    {
        var live = _projections[name];
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return null;
        }
        var status = new RebuildStatus(name, RebuildState.Replaying, clock.GetUtcNow(), 0, commits.LastSequence, 0, null, null, null);
        _last[name] = status;
        metrics.Rebuild(status);
        _rebuild = Task.Run(() => RunAsync(live, status, _stopping.Token));
        return status;
    }

    /// <summary>Stops a running rebuild (its shadow is dropped) when the node stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _rebuild.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(IProjection live, RebuildStatus status, CancellationToken ct)
    {
        var shadow = live.CreateShadow();
        try
        {
            (status, var polls) = await ReplayAsync(live, shadow, status, ct).ConfigureAwait(false);
            var position = status.Applied;
            status = Update(status with { State = RebuildState.Checking });
            var checksum = await CheckAsync(shadow, polls, position, ct).ConfigureAwait(false);
            if (!checksum.Matches)
            {
                await shadow.DiscardAsync(ct).ConfigureAwait(false);
                logger.RebuildMismatched(live.Name, checksum.Sequence, checksum.Mismatches);
                Update(status with { State = RebuildState.Mismatched, Checksum = checksum, FinishedAt = clock.GetUtcNow() });
                return;
            }
            status = Update(status with { State = RebuildState.Swapping, Checksum = checksum });
            var swappedAt = await betweenBatches.RunAsync(async (_, daemonCt) =>
            {
                var target = await live.ReadCheckpointAsync(daemonCt).ConfigureAwait(false);
                var shadowAt = await shadow.ReadCheckpointAsync(daemonCt).ConfigureAwait(false);
                if (shadowAt > target)
                {
                    // The live views were started over meanwhile (another state of the ledger): this shadow is of the old one.
                    throw new InvalidOperationException($"The live view went back to sequence {target}, behind the shadow's {shadowAt}: the views were started over during the rebuild.");
                }
                await CatchUpAsync(shadow, shadowAt, target, daemonCt).ConfigureAwait(false);
                await shadow.SwapInAsync(daemonCt).ConfigureAwait(false);
                return target;
            }, ct).ConfigureAwait(false);
            logger.RebuildSwapped(live.Name, swappedAt, checksum.Polls, checksum.Cells);
            _lastSwap[live.Name] = Update(status with { State = RebuildState.Swapped, Applied = swappedAt, Target = swappedAt, FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception ex)
        {
            logger.RebuildFailed(ex, live.Name);
            Update(status with { State = RebuildState.Failed, Error = ex.Message, FinishedAt = clock.GetUtcNow() });
            try
            {
                await shadow.DiscardAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception discardFailure)
            {
                logger.RebuildFailed(discardFailure, live.Name);
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Replays the log into the shadow until it is within one batch of the live view.</summary>
    /// <returns>The status as the replay left it (events replayed, speed), and every poll it saw created.</returns>
    private async Task<(RebuildStatus Status, HashSet<Guid> Polls)> ReplayAsync(IProjection live, IShadowProjection shadow, RebuildStatus status, CancellationToken ct)
    {
        var polls = new HashSet<Guid>();
        var position = 0L;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var liveAt = await live.ReadCheckpointAsync(ct).ConfigureAwait(false);
            var ledgerBefore = commits.LastSequence;
            var batchStarted = Stopwatch.GetTimestamp();
            var events = await log.ReadAfterAsync(position, _options.BatchSize, ct).ConfigureAwait(false);
            if (events.Count == 0)
            {
                return (status, polls);
            }
            foreach (var stored in events)
            {
                if (stored.Event is PollCreated { Poll.Id: var pollId })
                {
                    polls.Add(pollId);
                }
            }
            await shadow.ApplyAsync(events, ct).ConfigureAwait(false);
            position = events[^1].Sequence;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            status = Update(status with { Applied = position, Target = Math.Max(liveAt, position), EventsPerSecond = elapsed > 0 ? position / elapsed : 0 });
            // Within a batch of the live view: the rest is caught up in the daemon's pause, where it cannot run away.
            if (liveAt - position <= _options.BatchSize)
            {
                return (status, polls);
            }
            // Votes arrived while this batch ran: leave the machine to them for most of the time.
            if (commits.LastSequence != ledgerBefore)
            {
                var share = _options.RebuildBusyShare;
                var took = Stopwatch.GetElapsedTime(batchStarted);
                await Task.Delay(took * ((1 - share) / share), clock, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Compares every counted cell of every poll in the shadow with the ledger at the shadow's sequence.</summary>
    private async Task<ShadowChecksum> CheckAsync(IShadowProjection shadow, HashSet<Guid> polls, long position, CancellationToken ct)
    {
        if (LedgerComparison.ShapeOf(shadow.Name) is not { } shape)
        {
            return new ShadowChecksum(position, false, polls.Count, 0, 0, []);
        }
        var ledger = await comparison.AtAsync(polls, position, ct).ConfigureAwait(false);
        var cells = 0;
        var mismatches = 0;
        var sample = new List<CellDrift>();
        foreach (var pollId in polls)
        {
            var held = await shadow.CountAsync(pollId, ct).ConfigureAwait(false);
            var drift = LedgerComparison.Differences(shadow.Name, shape, pollId, held, ledger, out var compared);
            cells += compared;
            mismatches += drift.Count;
            sample.AddRange(drift.Take(SampleSize - sample.Count));
        }
        return new ShadowChecksum(position, true, polls.Count, cells, mismatches, sample);
    }

    private async Task CatchUpAsync(IShadowProjection shadow, long from, long to, CancellationToken ct)
    {
        var position = from;
        while (position < to)
        {
            var events = await log.ReadAfterAsync(position, _options.BatchSize, ct).ConfigureAwait(false);
            var upTo = events.Where(e => e.Sequence <= to).ToList();
            if (upTo.Count == 0)
            {
                throw new InvalidOperationException($"The event log ended at {position}, below the live view's checkpoint {to}.");
            }
            await shadow.ApplyAsync(upTo, ct).ConfigureAwait(false);
            position = upTo[^1].Sequence;
        }
    }

    private RebuildStatus Update(RebuildStatus status)
    {
        _last[status.Projection] = status;
        metrics.Rebuild(status);
        return status;
    }
}
