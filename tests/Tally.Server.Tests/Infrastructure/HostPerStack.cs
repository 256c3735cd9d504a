namespace Tally.Server.Tests.Infrastructure;

/// <summary>
/// A class fixture with one host per stack, each started on first use and prepared once with what the tests share.
/// </summary>
public abstract class HostPerStack<TWorld> : IAsyncDisposable
{
    private readonly Dictionary<Stack, Task<(TallyTestHost Host, TWorld World)>> _started = [];
    private readonly Lock _lock = new();

    public Task<(TallyTestHost Host, TWorld World)> OnAsync(Stack stack)
    {
        lock (_lock)
        {
            if (!_started.TryGetValue(stack, out var started))
            {
                _started[stack] = started = StartAsync(stack);
            }
            return started;
        }
    }

    protected abstract Task<TWorld> PrepareAsync(TallyTestHost host);

    private async Task<(TallyTestHost Host, TWorld World)> StartAsync(Stack stack)
    {
        var host = await TallyTestHost.StartAsync(stack);
        try
        {
            return (host, await PrepareAsync(host));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in _started.Values.Where(s => s.IsCompletedSuccessfully))
        {
            await started.Result.Host.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
