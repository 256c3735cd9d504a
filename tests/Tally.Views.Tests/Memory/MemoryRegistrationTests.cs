using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tally.Views.Heatmap;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Views.Tests.Memory;

public sealed class MemoryRegistrationTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AddTallyMemoryViewsRegistersTheCountingViewsAndTheStampThatSnapshotsThem()
    {
        await using var services = Services(new Dictionary<string, string?>());

        Assert.Equal(
            [services.GetRequiredService<MemoryResultsProjection>(), services.GetRequiredService<MemoryHeatmapProjection>()],
            services.GetServices<ICountingView>().Cast<object>());
        var stamp = services.GetRequiredService<MemoryViewsStamp>();
        Assert.Same(stamp, services.GetRequiredService<IViewsStamp>());
        Assert.Contains(stamp, services.GetServices<IHostedService>());
        var options = services.GetRequiredService<IOptions<MemorySnapshotOptions>>().Value;
        Assert.True(options.Enabled);
        Assert.Equal(100_000, options.EveryEvents);
    }

    [Fact]
    public async Task ASnapshotIntervalBelowOneIsRefusedWithItsFullKey()
    {
        await using var services = Services(new Dictionary<string, string?> { [MemorySnapshotOptions.Section + ":EveryEvents"] = "0" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MemorySnapshotOptions>>().Value);

        Assert.Contains("Tally:Views:Snapshots:EveryEvents must be at least 1.", refused.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddTallyMemoryViews(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _data.Path)
            .BuildServiceProvider();
}
