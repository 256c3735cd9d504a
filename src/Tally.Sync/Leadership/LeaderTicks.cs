namespace Tally.Sync.Leadership;

/// <summary>
/// Periodic work that only the node leading the projectors does (reconciliation, retention sweeps): run on every tick
/// while leading; a failed run is reported and the next tick tries again; stopping ends it quietly.
/// </summary>
public static class LeaderTicks
{
    public static async Task RunAsync(
        TimeSpan every, TimeProvider clock, ProjectorLeadership leadership, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, clock);
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
                    await work(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
