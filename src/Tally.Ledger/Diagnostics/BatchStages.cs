namespace Tally.Ledger.Diagnostics;

/// <summary>The stages a group-commit batch is timed in, one name each, so the bench can add them up per batch.</summary>
public static class BatchStages
{
    /// <summary>Reading what the judge needs: stored keys, the polls.</summary>
    public const string Read = "read";

    /// <summary>Inserting the vote rows.</summary>
    public const string Insert = "insert";

    /// <summary>Appending the events and keeping the idempotency keys.</summary>
    public const string Append = "append";

    /// <summary>The COMMIT statement.</summary>
    public const string Commit = "commit";

    /// <summary>From the COMMIT's return to the batch being on disk (SQLite's pipelined WAL sync).</summary>
    public const string Durable = "durable";
}
