namespace Tally.Ledger.Stores;

/// <summary>
/// What both ledgers' voter id migrations share, so each only reads and writes rows: the marker that says it ran, where
/// stored ids are found, which of them are renamed, and how each rename is audited.
/// </summary>
internal static class VoterIdReencoding
{
    /// <summary>The <c>ledger_settings</c> row that says stored voter ids use the current encoding (Domain's VoterIds).</summary>
    public const string MarkerName = "voter_id_encoding";

    public const string MarkerValue = "2";

    /// <summary>Every stored voter id that may name an external issuer (Tally's own user ids hold no colon).</summary>
    public const string CandidatesSql = """
        SELECT voter_id FROM vote_records WHERE voter_id LIKE '%:%'
        UNION SELECT voter_id FROM idempotency_keys WHERE voter_id LIKE '%:%'
        UNION SELECT owner_id FROM polls WHERE owner_id LIKE '%:%'
        """;

    public const string AuditActor = "tally";

    public const string AuditAction = "voter_id_reencoded";

    /// <summary>Old id to new id, for the stored ids whose spelling changes.</summary>
    public static Dictionary<string, string> Plan(IEnumerable<string> storedIds, Func<string, string?> reencode)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var old in storedIds)
        {
            if (reencode(old) is { } renamed)
            {
                renames[old] = renamed;
            }
        }
        return renames;
    }

    public static string AuditDetail(string from, string to) => $"{from} -> {to}";

    /// <summary>A spelling no voter id has (a leading U+0001), parked in while renaming: one voter's new id may be another's old one.</summary>
    public static string Parked(string id) => "\u0001" + id;
}
