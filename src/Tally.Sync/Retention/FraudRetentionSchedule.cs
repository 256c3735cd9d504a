using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Sync.Leadership;
using Tally.Views.Fraud;

namespace Tally.Sync.Retention;

/// <summary>
/// Every <see cref="FraudOptions.SweepInterval"/>, on the node that leads the projectors, drops the addresses and user
/// agents of polls that passed the retention while no event touched them. Between batches: the fraud view has one writer.
/// </summary>
public sealed class FraudRetentionSchedule(
    IFraudRetention retention,
    BetweenBatches betweenBatches,
    ProjectorLeadership leadership,
    TimeProvider clock,
    IOptions<FraudOptions> options,
    ILogger<FraudRetentionSchedule> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => LeaderTicks.RunAsync(
        options.Value.SweepInterval, clock, leadership, SweepAsync, logger.FraudRetentionFailed, stoppingToken);

    private async Task SweepAsync(CancellationToken ct)
    {
        var forgotten = await betweenBatches.RunAsync(
            async (_, daemonCt) => await retention.ForgetExpiredAsync(clock.GetUtcNow(), daemonCt).ConfigureAwait(false), ct).ConfigureAwait(false);
        if (forgotten > 0)
        {
            logger.FraudRetentionSwept(forgotten);
        }
    }
}
