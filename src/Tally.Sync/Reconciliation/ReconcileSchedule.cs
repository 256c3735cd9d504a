using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Sync.Leadership;

namespace Tally.Sync.Reconciliation;

/// <summary>Runs <see cref="Reconciler"/> every <see cref="SyncOptions.ReconcileInterval"/> on the node that leads the projectors.</summary>
public sealed class ReconcileSchedule(
    Reconciler reconciler,
    ProjectorLeadership leadership,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<ReconcileSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!leadership.IsLeader)
                {
                    continue;
                }
                try
                {
                    await reconciler.RunAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.ReconcileFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
