using Tally.Domain.Events;

namespace Tally.Views.Tests.Support;

internal static class Apply
{
    /// <summary>Feeds the events to the projection as one batch, as the daemon would.</summary>
    public static ValueTask BatchAsync(this IProjection projection, IEnumerable<StoredEvent> events) =>
        projection.ApplyAsync(events.ToArray(), TestContext.Current.CancellationToken);
}
