using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tally.Ledger.Stores;

namespace Tally.Server.Observability;

/// <summary>Ready needs the ledger: reading its head is the cheapest query that proves a connection and the schema.</summary>
public sealed class LedgerHealthCheck(IEventLog log) : IHealthCheck
{
    public const string Name = "ledger";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await log.ReadHighWaterMarkAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The ledger is at sequence {head}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The ledger cannot be read.", ex);
        }
    }
}
