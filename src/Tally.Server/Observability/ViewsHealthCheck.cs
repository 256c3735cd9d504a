using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tally.Ledger.Stores;
using Tally.Sync;
using Tally.Views.Progress;

namespace Tally.Server.Observability;

/// <summary>
/// Ready needs current views: what this node serves (applied by it, or followed from the leader) is within
/// <c>Tally:Health:ReadyMaxEventsBehind</c> of the ledger's head, and not being rebuilt. A node still replaying the log at start is not ready.
/// </summary>
public sealed class ViewsHealthCheck(IEventLog log, SyncLag lag, ViewsState state, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "views";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.RebuildReason is { } reason)
        {
            return HealthCheckResult.Unhealthy($"The views are being rebuilt from the ledger: {reason}.");
        }
        long head;
        try
        {
            head = await log.ReadHighWaterMarkAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The ledger's head cannot be read, so the views' lag is unknown.", ex);
        }
        var applied = lag.AppliedSequence;
        var behind = Math.Max(0, head - applied);
        var limit = options.Value.ReadyMaxEventsBehind;
        return behind <= limit
            ? HealthCheckResult.Healthy($"The views hold sequence {applied} of {head}.")
            : HealthCheckResult.Unhealthy($"The views hold sequence {applied} of {head}: {behind} events behind, more than {limit}.");
    }
}
