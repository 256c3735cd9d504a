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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
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
                    var forgotten = await betweenBatches.RunAsync(
                        async (_, ct) => await retention.ForgetExpiredAsync(clock.GetUtcNow(), ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                    if (forgotten > 0)
                    {
                        logger.FraudRetentionSwept(forgotten);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.FraudRetentionFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
