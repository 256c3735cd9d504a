using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

public sealed class RedisRegistrationTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task AddTallyRedisViewsRegistersFiveProjectionsOnOneConnectionWithTheConfiguredPrefix()
    {
        var prefix = SharedRedis.NewKeyPrefix();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tally:Views:Redis:ConnectionString"] = SharedRedis.ConnectionString,
            ["Tally:Views:Redis:KeyPrefix"] = prefix,
        }).Build();
        await using var services = new ServiceCollection().AddTallyRedisViews(configuration).BuildServiceProvider();

        var projections = services.GetServices<IProjection>().ToArray();

        Assert.Equal(["results", "heatmap", "delta", "voter_status", "poll_catalog", "fraud"], projections.Select(p => p.Name));
        Assert.All(projections, p => Assert.IsAssignableFrom<RedisProjection>(p));
        Assert.Same(services.GetRequiredService<RedisResultsProjection>(), services.GetRequiredService<IResultsView>());
        Assert.Single(services.GetServices<IHostedService>().OfType<RedisChangeRelay>());
        Assert.NotNull(services.GetService<ViewProgress>());
        Assert.Equal(0, await projections[0].ReadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new RedisKeys(prefix).Generations, services.GetRequiredService<RedisViewStore>().Keys.Generations);
        Assert.Equal(["results", "heatmap"], services.GetServices<ICountingView>().Select(v => v.Name));
        Assert.IsType<RedisViewsStamp>(services.GetRequiredService<IViewsStamp>());
        await redis.DeleteAsync(prefix);
    }

    [Fact]
    public async Task AGracePeriodNoLongerThanTheRefreshIsRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tally:Views:Redis:ConnectionString"] = SharedRedis.ConnectionString,
            ["Tally:Views:Redis:GenerationRefresh"] = "00:00:05",
            ["Tally:Views:Redis:GenerationGrace"] = "00:00:05",
        }).Build();
        await using var services = new ServiceCollection().AddTallyRedisViews(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RedisViewsOptions>>().Value);

        Assert.Contains("GenerationGrace must be longer than GenerationRefresh", refused.Message);
    }
}
