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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => LeaderTicks.RunAsync(
        options.Value.ReconcileInterval, clock, leadership, reconciler.RunAsync, logger.ReconcileFailed, stoppingToken);
}
