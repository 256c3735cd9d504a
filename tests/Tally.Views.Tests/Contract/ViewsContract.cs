using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>
/// What every implementation of the views must answer, whatever stores them: the same events give the same results,
/// heatmaps, deltas, voter statuses and catalogue pages, and every event counts exactly once. Each implementation runs
/// the whole suite through a subclass that names its <see cref="IViewsFixture"/>. The tests live in one partial file per view.
/// </summary>
public abstract partial class ViewsContract(IViewsFixture fixture) : IAsyncLifetime
{
    private readonly EventScript _log = new();

    /// <summary>Fresh, empty views for this test.</summary>
    private ViewSet Views { get; } = fixture.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => fixture.DisposeAsync();
}
