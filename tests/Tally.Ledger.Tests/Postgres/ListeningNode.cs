using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Ledger.EventLog;
using Tally.Ledger.Handlers;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// One ledger node on the fixture's database, as the server builds it (hosted services started, so its commit listener
/// runs), with its <see cref="LedgerCommits"/> in view: what this node's projector would be woken by.
/// </summary>
internal sealed class ListeningNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;

    private ListeningNode(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToArray();
    }

    public LedgerCommits Commits => _provider.GetRequiredService<LedgerCommits>();

    public CreatePollHandler CreatePoll => _provider.GetRequiredService<CreatePollHandler>();

    public CastVoteHandler CastVote => _provider.GetRequiredService<CastVoteHandler>();

    public static async Task<ListeningNode> StartAsync(PostgresLedgerFixture fixture, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        fixture.AddLedger(services);
        var node = new ListeningNode(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        foreach (var service in node._hosted)
        {
            await service.StartAsync(ct);
        }
        return node;
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
