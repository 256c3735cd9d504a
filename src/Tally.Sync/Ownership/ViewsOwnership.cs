using Microsoft.Extensions.Logging;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;
using Tally.Sync.Leadership;
using Tally.Views;
using Tally.Views.Progress;

namespace Tally.Sync.Ownership;

/// <summary>
/// Decides, before the daemon applies anything, whether the views belong to this ledger as it is now: same identity,
/// no checkpoint above its head, and the event they last recorded still the ledger's event at that sequence. Views
/// that fail any of these (a ledger restored from an older copy, another ledger, a flushed view store) are forgotten and
/// rebuilt from the start of the log in a new generation, and are not served as current until they catch up.
/// </summary>
public sealed class ViewsOwnership(
    IEventLog log,
    IEnumerable<IProjection> projections,
    IViewsStamp stamps,
    ViewProgress progress,
    ViewsState state,
    ILogger<ViewsOwnership> logger)
{
    private readonly IProjection[] _projections = projections.ToArray();

    /// <summary>
    /// Checks the views against the ledger at <paramref name="head"/>, starting them over when they are not its own or
    /// when <paramref name="lost"/> says a write found their generation gone.
    /// </summary>
    /// <returns>The stamp to record progress under, and the sequence to resume after.</returns>
    public async Task<(ViewsStamp Stamp, long Position)> EnsureAsync(long head, LeaderTerm term, bool lost, CancellationToken ct)
    {
        var ledgerId = await log.ReadLedgerIdAsync(ct).ConfigureAwait(false);
        var stamp = await stamps.ReadAsync(ct).ConfigureAwait(false);
        var checkpoints = new long[_projections.Length];
        for (var i = 0; i < _projections.Length; i++)
        {
            checkpoints[i] = await _projections[i].ReadCheckpointAsync(ct).ConfigureAwait(false);
        }
        var highest = checkpoints.Length == 0 ? 0 : checkpoints.Max();
        string? reason;
        if (lost)
        {
            reason = "the view store no longer holds this generation's data";
        }
        else if (stamp is null)
        {
            if (highest == 0)
            {
                // A first start: nothing to forget.
                var first = new ViewsStamp(Guid.NewGuid(), ledgerId, 0, "");
                await stamps.StartAsync(first, ct).ConfigureAwait(false);
                return (first, 0);
            }
            reason = "the views hold events but no stamp (their store was flushed, or they were built before stamps)";
        }
        else if (stamp.LedgerId != ledgerId)
        {
            reason = $"the views were built from ledger {stamp.LedgerId}, not this one ({ledgerId})";
        }
        else if (Math.Max(highest, stamp.Checkpoint) > head)
        {
            reason = $"the views are at sequence {Math.Max(highest, stamp.Checkpoint)}, above the ledger's head {head} (a power cut or a restored ledger took events they hold)";
        }
        else if (stamp.Checkpoint > 0 && await FingerprintAsync(stamp.Checkpoint, ct).ConfigureAwait(false) != stamp.CheckpointHash)
        {
            reason = $"the ledger's event {stamp.Checkpoint} is not the one the views applied (a ledger restored from an older copy)";
        }
        else
        {
            return (stamp, checkpoints.Length == 0 ? 0 : checkpoints.Min());
        }

        // Starting over makes a new generation every node reads: only the newest leader may, and the fence cannot tell
        // after the store lost its data, so the ledger is asked.
        if (!await term.IsLatestAsync(ct).ConfigureAwait(false))
        {
            throw new ProjectionFencedException("views", term.Epoch ?? 0, "a newer epoch in the ledger");
        }
        logger.ViewsStartOver(reason, stamp?.Generation, head);
        state.StartRebuild(reason, head);
        progress.Rewind(0);
        foreach (var projection in _projections)
        {
            await projection.ForgetAsync(ct).ConfigureAwait(false);
        }
        var fresh = new ViewsStamp(Guid.NewGuid(), ledgerId, 0, "");
        await stamps.StartAsync(fresh, ct).ConfigureAwait(false);
        return (fresh, 0);
    }

    private async Task<string?> FingerprintAsync(long sequence, CancellationToken ct) =>
        await log.ReadEventAsync(sequence, ct).ConfigureAwait(false) is { } stored ? EventFingerprint.Of(stored) : null;
}
