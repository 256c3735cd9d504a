using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Ledger;
using Tally.Sync.Topology;

namespace Tally.Testing;

/// <summary>
/// One Tally node minus HTTP: services wired as the server wires them, hosted services (group commit, election,
/// projection daemon, commit listener) started. Several in one process stand for several processes.
/// </summary>
public sealed class TallyNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;
    private bool _stopped;

    private TallyNode(string name, ServiceProvider provider, ILedgerProbe ledger)
    {
        Name = name;
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToArray();
        Ledger = ledger;
    }

    public string Name { get; }

    /// <summary>What the node's ledger stored, read beneath its stores.</summary>
    public ILedgerProbe Ledger { get; }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// A node on the shared servers, as the server wires postgres + redis: its own ledger pool, Redis connection,
    /// election session and projection daemon.
    /// </summary>
    public static Task<TallyNode> StartAsync(SharedServers servers, string name, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TallyTopology.LedgerProviderKey] = "postgres",
            ["Tally:Ledger:Postgres:ConnectionString"] = servers.LedgerConnectionString,
            [TallyTopology.ViewsProviderKey] = "redis",
            ["Tally:Views:Redis:ConnectionString"] = servers.RedisConnectionString,
            ["Tally:Views:Redis:KeyPrefix"] = servers.KeyPrefix,
            // Quicker than production, so a takeover fits well inside a test's time.
            ["Tally:Sync:Leadership:TryInterval"] = "00:00:00.2",
            ["Tally:Sync:Leadership:CheckInterval"] = "00:00:00.2",
            ["Tally:Sync:RetryDelay"] = "00:00:00.2",
        }).Build();
        var services = Services();
        services.AddTallyTopology(configuration, Path.GetTempPath());
        return StartAsync(name, services, servers.Ledger, ct);
    }

    /// <summary>The embedded node: a SQLite ledger in <paramref name="folder"/>, group commit, projection daemon, memory views.</summary>
    public static Task<TallyNode> StartEmbeddedAsync(string folder, CancellationToken ct) => StartEmbeddedAsync(folder, [], ct);

    /// <summary><see cref="StartEmbeddedAsync(string, CancellationToken)"/> with <paramref name="settings"/> as its configuration.</summary>
    public static Task<TallyNode> StartEmbeddedAsync(string folder, IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = Services();
        services.AddTallyTopology(configuration, folder);
        return StartAsync("embedded", services, SqliteLedgerProbe.InFolder(folder), ct);
    }

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>A node of whatever <paramref name="services"/> hold, its hosted services started.</summary>
    public static async Task<TallyNode> StartAsync(string name, IServiceCollection services, ILedgerProbe ledger, CancellationToken ct)
    {
        var node = new TallyNode(name, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), ledger);
        foreach (var service in node._hosted)
        {
            await service.StartAsync(ct);
        }
        return node;
    }

    /// <summary>Stops the node's hosted services as a graceful shutdown would.</summary>
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
