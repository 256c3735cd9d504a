using System.Diagnostics;
using Microsoft.Extensions.Options;
using Tally.Domain.Polls;
using Tally.Ledger.Recounts;
using Tally.Ledger.Stores;
using Tally.Server.Endpoints;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Server.Admin;

/// <summary>
/// Runs a recount: the ledger's count of the slice at one snapshot, then what the answering view holds once it has
/// reached that snapshot's sequence, kept as one report. At most <see cref="RecountOptions.MaxConcurrent"/> at once.
/// </summary>
public sealed class Recounter(
    IRecountStore store, IResultsView results, IHeatmapView heatmaps, ViewProgress progress, ReadYourWrites reads,
    IOptions<RecountOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent);

    /// <returns>The kept report, or null when every slot is taken.</returns>
    public async Task<RecountReport?> RunAsync(Poll poll, RecountSlice slice, string requestedBy, CancellationToken ct)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            return null;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            var at = clock.GetUtcNow();
            using var count = new RecountCount(poll.Options.Count, slice.Region is null && poll.Regions.Count > 0 ? poll.Regions : null);
            var ledger = count.Finish(await store.CountAsync(poll.Id, slice, count, ct));
            var views = await ReadViewsAsync(poll, slice, ledger.Sequence, ct);
            var report = RecountReport.Build(Guid.CreateVersion7(at), poll.Id, slice, ledger, views, Stopwatch.GetElapsedTime(started), requestedBy, at);
            await store.KeepAsync(report, ct);
            return report;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task<ViewsCount?> ReadViewsAsync(Poll poll, RecountSlice slice, long sequence, CancellationToken ct)
    {
        if (slice.AnsweringView is not { } view || await reads.WaitAsync(sequence, ct) is not true)
        {
            return null;
        }
        // Read before the view: the view then holds at least every event up to it.
        var applied = progress.AppliedSequence;
        if (view == RecountView.Results)
        {
            return await results.GetAsync(poll.Id, ct) is { } tally
                ? new ViewsCount(view, applied, tally.TotalVotes, RecountCount.ToOptions(tally.Votes))
                : null;
        }
        var heatmap = await heatmaps.GetAsync(poll.Id, ct);
        // A region nobody voted in yet is not in the heatmap at all.
        var region = heatmap?.Regions.FirstOrDefault(r => r.Region == slice.Region);
        return new ViewsCount(view, applied, region?.Total ?? 0, RecountCount.ToOptions(region?.Votes ?? new long[poll.Options.Count]));
    }
}
