using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tally.Views.Fraud;

namespace Tally.Views.Tests.Fraud;

public sealed class FraudRegistrationTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TheFraudViewIsASixthProjectionWithItsRetentionSweepAndDefaults()
    {
        await using var services = Services(new Dictionary<string, string?>());

        var fraud = services.GetRequiredService<MemoryFraudProjection>();
        Assert.Contains(fraud, services.GetServices<IProjection>());
        Assert.Equal(6, services.GetServices<IProjection>().Count());
        Assert.Same(fraud, services.GetRequiredService<IFraudView>());
        Assert.Same(fraud, services.GetRequiredService<IFraudRetention>());
        var options = services.GetRequiredService<IOptions<FraudOptions>>().Value;
        Assert.Equal(TimeSpan.FromDays(30), options.Retention);
        Assert.Equal(TimeSpan.FromMinutes(10), options.NewAccountAge);
        Assert.Equal(TimeSpan.FromHours(1), options.SweepInterval);
    }

    [Fact]
    public async Task ARetentionOfNothingIsRefusedWithItsFullKey()
    {
        await using var services = Services(new Dictionary<string, string?> { [FraudOptions.Section + ":Retention"] = "00:00:00" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FraudOptions>>().Value);

        Assert.Contains("Tally:Fraud:Retention must be between", refused.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddTallyMemoryViews(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _data.Path)
            .BuildServiceProvider();
}
