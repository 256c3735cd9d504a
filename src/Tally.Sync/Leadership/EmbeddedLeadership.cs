using Microsoft.Extensions.Hosting;

namespace Tally.Sync.Leadership;

/// <summary>
/// The embedded modes (SQLite ledger, or views in this process's memory): there is nobody to share the work with, or
/// every node needs its own projector, so this node leads for as long as it runs, unfenced.
/// </summary>
public sealed class EmbeddedLeadership(ProjectorLeadership leadership) : IHostedService
{
    private LeaderTerm? _term;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _term = leadership.Begin(epoch: null);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_term is { } term)
        {
            leadership.End(term);
        }
        return Task.CompletedTask;
    }
}
