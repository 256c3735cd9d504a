namespace Tally.Ledger.Stores;

/// <summary>Re-spells stored voter ids when their encoding changes, so every voter keeps the votes and polls they had.</summary>
public interface IVoterIdMigration
{
    /// <summary>
    /// Once per ledger (a marker records it; concurrent nodes wait for each other): every voter id held in votes,
    /// idempotency keys, poll owners and event payloads for which <paramref name="reencode"/> gives a new spelling is
    /// renamed, in one transaction, with an audit row per voter. The audit trail itself keeps the old spelling.
    /// </summary>
    /// <returns>How many voters were renamed; 0 when the migration had already run.</returns>
    Task<int> ReencodeOnceAsync(Func<string, string?> reencode, CancellationToken ct);
}
