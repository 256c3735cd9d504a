using Tally.Views.Memory;
using Tally.Views.Progress;

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
