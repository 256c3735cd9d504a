using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Ledger.Sqlite;
using Tally.Sync.Topology;

namespace Tally.Sync.Tests.Support;

/// <summary>
/// The server's write and read sides wired as in production, minus HTTP: a real SQLite ledger in a temp folder,
/// group commit, the projection daemon and the memory views, all hosted services started.
/// </summary>
public sealed class SyncedLedger : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;

    private SyncedLedger(string folder)
    {
        Folder = folder;
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddTallyTopology(configuration, folder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _hosted = _provider.GetServices<IHostedService>().ToArray();
    }

    public string Folder { get; }

    public string DatabaseFile => Path.Combine(Folder, new SqliteLedgerOptions().File);

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<SyncedLedger> StartAsync(string folder, CancellationToken ct)
    {
        var ledger = new SyncedLedger(folder);
        foreach (var service in ledger._hosted)
        {
            await service.StartAsync(ct);
        }
        return ledger;
    }

    /// <summary>A read-only, unpooled connection straight to the ledger file, for checking the views against raw SQL.</summary>
    public SqliteConnection OpenReadOnly()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}
