using Tally.Ledger.Audit;

namespace Tally.Ledger.Stores;

/// <summary>The audit rows, read back page by page in the order they were written.</summary>
public interface IAuditTrail
{
    Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken ct);
}
