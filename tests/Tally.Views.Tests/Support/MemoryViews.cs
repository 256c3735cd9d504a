using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Support;

public sealed class MemoryViews : IViewsFixture
{
    public ViewSet Create()
    {
        var changes = new PollChangeFeed();
        return new ViewSet(changes, new MemoryResultsProjection(changes), new MemoryHeatmapProjection(), new MemoryDeltaProjection(),
            new MemoryVoterStatusProjection(), new MemoryPollCatalogProjection());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
