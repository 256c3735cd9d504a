namespace Tally.Bench.VoteInsert;

/// <summary>The SQL both paths share: the ledger's vote table (same columns, key and live-vote index) and the staging table.</summary>
public static class Schema
{
    // Shaped like the real ledger's vote_records, so index maintenance and the ON CONFLICT probe cost what they cost there.
    public const string CreateVoteRecords = """
        CREATE TABLE vote_records (
            vote_id uuid PRIMARY KEY, poll_id uuid NOT NULL, voter_id text NOT NULL, option_id integer NOT NULL,
            region text, timestamp bigint NOT NULL, ip_address text, user_agent text,
            is_retracted boolean NOT NULL DEFAULT false, retracted_at bigint);
        CREATE UNIQUE INDEX vote_records_one_live_vote ON vote_records (poll_id, voter_id) WHERE NOT is_retracted;
        """;

    // ON COMMIT DELETE ROWS empties it at every COMMIT, so path B needs no DELETE/TRUNCATE round trip of its own.
    public const string CreateStaging = """
        CREATE TEMP TABLE vote_staging (
            vote_id uuid, poll_id uuid, voter_id text, option_id integer,
            region text, ip_address text, user_agent text) ON COMMIT DELETE ROWS
        """;

    /// <summary>Each batch size starts from an empty table, so one size's rows do not slow the next size's index work.</summary>
    public const string Reset = "TRUNCATE vote_records";
}
