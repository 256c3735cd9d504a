using Tally.Ledger.Audit;

namespace Tally.Ledger.Stores;

/// <summary>The audit rows, read back page by page in the order they were written.</summary>
public interface IAuditTrail
{
    Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken ct);

    /// <summary>
    /// Keeps a row for an operation that changes no ledger row but must be traceable (a rebuild, a reconciliation, a
    /// repair of a poll's views); changes of the ledger write their rows in their own transactions.
    /// </summary>
    Task RecordAsync(DateTimeOffset at, string actor, string action, Guid? pollId, string? detail, CancellationToken ct);
}
