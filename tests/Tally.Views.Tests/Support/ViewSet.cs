using Tally.Domain.Events;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Support;

/// <summary>The five projections of one implementation, empty at the start, fed together as the daemon feeds them.</summary>
public sealed class ViewSet(PollChangeFeed changes, IProjection results, IProjection heatmap, IProjection delta, IProjection voters, IProjection catalog)
{
    public PollChangeFeed Changes => changes;

    public Projected<IResultsView> Results { get; } = new(results);

    public Projected<IHeatmapView> Heatmap { get; } = new(heatmap);

    public Projected<IDeltaView> Delta { get; } = new(delta);

    public Projected<IVoterStatusView> Voters { get; } = new(voters);

    public Projected<IPollCatalogView> Catalog { get; } = new(catalog);

    public IReadOnlyList<IProjection> All { get; } = [results, heatmap, delta, voters, catalog];

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch)
    {
        foreach (var projection in All)
        {
            await projection.BatchAsync(batch);
        }
    }

    public async Task<long[]> CheckpointsAsync()
    {
        var checkpoints = new long[All.Count];
        for (var i = 0; i < checkpoints.Length; i++)
        {
            checkpoints[i] = await All[i].ReadCheckpointAsync(TestContext.Current.CancellationToken);
        }
        return checkpoints;
    }
}
