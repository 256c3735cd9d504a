using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Ledger;
using Tally.Sync.Topology;

namespace Tally.Sync.Tests.Leadership;

/// <summary>
/// One Tally node minus HTTP, wired as the server wires postgres + redis: its own ledger pool, Redis connection,
/// election session and projection daemon. Several in one process stand for several processes.
/// </summary>
public sealed class TallyNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;
    private bool _stopped;

    private TallyNode(SharedServers servers, string name)
    {
        Name = name;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LedgerRegistration.ProviderKey] = "postgres",
            ["Tally:Ledger:Postgres:ConnectionString"] = servers.LedgerConnectionString,
            ["Tally:Views:Provider"] = "redis",
            ["Tally:Views:Redis:ConnectionString"] = servers.RedisConnectionString,
            ["Tally:Views:Redis:KeyPrefix"] = servers.KeyPrefix,
            // Quicker than production, so a takeover fits well inside a test's time.
            ["Tally:Sync:Leadership:TryInterval"] = "00:00:00.2",
            ["Tally:Sync:Leadership:CheckInterval"] = "00:00:00.2",
            ["Tally:Sync:RetryDelay"] = "00:00:00.2",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddTallyTopology(configuration, Path.GetTempPath());
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _hosted = _provider.GetServices<IHostedService>().ToArray();
    }

    public string Name { get; }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<TallyNode> StartAsync(SharedServers servers, string name, CancellationToken ct)
    {
        var node = new TallyNode(servers, name);
        foreach (var service in node._hosted)
        {
            await service.StartAsync(ct);
        }
        return node;
    }

    /// <summary>Stops the node's hosted services (election, daemon) as a graceful shutdown would.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
    }
}
