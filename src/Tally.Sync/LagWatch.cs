using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tally.Sync;

/// <summary>
/// Warns once when the views fall more than <c>Tally:Sync:LagWarning</c> behind the ledger, and says so again when they
/// are back under it. It samples <see cref="SyncLag"/> on its own clock, so a daemon stuck in one batch is noticed too.
/// </summary>
public sealed class LagWatch(SyncLag lag, IOptions<SyncOptions> options, TimeProvider clock, ILogger<LagWatch> logger) : BackgroundService
{
    private bool _over;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var threshold = options.Value.LagWarning;
        // Often enough to warn close to the moment of crossing, at most once a second.
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Min(threshold.Ticks, TimeSpan.TicksPerSecond)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Observe(lag.TimeBehind, threshold);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Observe(TimeSpan behind, TimeSpan threshold)
    {
        if (!_over && behind > threshold)
        {
            _over = true;
            logger.LagAboveWarning(behind, lag.EventsBehind, threshold);
        }
        else if (_over && behind <= threshold)
        {
            _over = false;
            logger.LagBackUnderWarning(behind, threshold);
        }
    }
}
