namespace Tally.Testing;

public static class LedgerTables
{
    /// <summary>Every table of the ledger, on SQLite and PostgreSQL alike.</summary>
    public static readonly string[] All =
        ["users", "polls", "poll_options", "poll_regions", "vote_records", "idempotency_keys", "audit_log", "events", "admin_grants", "recounts",
         "admin_idempotency_keys", "blocks", "session_keys"];
}
