using Tally.Domain.Events;

namespace Tally.Views.Tests.Support;

/// <summary>A projection and the query view it serves: one object, seen as what the daemon feeds and what readers ask.</summary>
public sealed class Projected<TView>(IProjection projection)
    where TView : class
{
    public IProjection Projection => projection;

    public TView View => (TView)projection;

    /// <summary>Feeds the events to the projection as one batch, as the daemon would.</summary>
    public ValueTask BatchAsync(IEnumerable<StoredEvent> events) => projection.BatchAsync(events);

    public ValueTask<long> CheckpointAsync() => projection.ReadCheckpointAsync(TestContext.Current.CancellationToken);
}
