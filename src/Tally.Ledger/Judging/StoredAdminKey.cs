namespace Tally.Ledger.Judging;

/// <summary>An admin's Idempotency-Key as kept: the fingerprint of the request that used it, and its answer (JSON).</summary>
public sealed record StoredAdminKey(string Fingerprint, string Answer);
