using Tally.Ledger.Audit;

namespace Tally.Server.Contracts;

/// <summary>A page of audit rows, oldest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next page (null: no more).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntry> Entries, string? NextCursor);
