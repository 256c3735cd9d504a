using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Tests.Contract;

/// <summary>A running ledger as the server builds it: real stores, real group commit (started), real handlers.</summary>
public sealed class LedgerHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;
    private bool _disposed;

    private LedgerHost(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToArray();
    }

    public CreatePollHandler CreatePoll => _provider.GetRequiredService<CreatePollHandler>();

    public ClosePollHandler ClosePoll => _provider.GetRequiredService<ClosePollHandler>();

    public CastVoteHandler CastVote => _provider.GetRequiredService<CastVoteHandler>();

    public RetractVoteHandler RetractVote => _provider.GetRequiredService<RetractVoteHandler>();

    public VoteBatcher Batcher => _provider.GetRequiredService<VoteBatcher>();

    public IMeterFactory Meters => _provider.GetRequiredService<IMeterFactory>();

    public IPollStore Polls => _provider.GetRequiredService<IPollStore>();

    public IVoteStore Votes => _provider.GetRequiredService<IVoteStore>();

    public IEventLog Events => _provider.GetRequiredService<IEventLog>();

    public IUserStore Users => _provider.GetRequiredService<IUserStore>();

    public IAdminStore Admins => _provider.GetRequiredService<IAdminStore>();

    public IVoterIdMigration VoterIds => _provider.GetRequiredService<IVoterIdMigration>();

    public static async Task<LedgerHost> StartAsync(LedgerFixture fixture, TimeProvider clock, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        fixture.AddLedger(services);
        var host = new LedgerHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        foreach (var service in host._hosted)
        {
            await service.StartAsync(ct);
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}
