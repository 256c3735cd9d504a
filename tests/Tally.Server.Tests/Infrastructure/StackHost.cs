namespace Tally.Server.Tests.Infrastructure;

/// <summary>A <see cref="TallyTestHost"/> on either <see cref="Stack"/>, owning the fresh PostgreSQL database and Redis prefix it needs.</summary>
public sealed class StackHost : IAsyncDisposable
{
    private readonly SharedServices? _services;

    private StackHost(TallyTestHost host, SharedServices? services)
    {
        Host = host;
        _services = services;
    }

    public TallyTestHost Host { get; }

    public static async Task<StackHost> StartAsync(Stack stack, params string[] settings)
    {
        if (stack == Stack.Embedded)
        {
            return new StackHost(await TallyTestHost.StartAsync(settings: settings), null);
        }
        var services = await SharedServices.CreateAsync();
        try
        {
            return new StackHost(await TallyTestHost.StartAsync(settings: [.. services.NodeSettings, .. settings]), services);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Row counts of every ledger table, whichever ledger runs: equal before and after means nothing changed.</summary>
    public Task<Dictionary<string, long>> LedgerCountsAsync() =>
        _services is null ? Task.FromResult(Host.Ledger.Counts()) : _services.LedgerCountsAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
