namespace Tally.Ledger.Sqlite;

/// <summary>Bound from <c>Tally:Ledger:Sqlite</c>.</summary>
public sealed class SqliteLedgerOptions
{
    public const string Section = "Tally:Ledger:Sqlite";

    /// <summary>The database file; relative paths are under the data folder.</summary>
    public string File { get; set; } = "ledger.db";

    /// <summary>SQLite's synchronous setting. FULL syncs the WAL at every commit, so an acknowledged vote survives a power cut too.</summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>
    /// How long a statement waits for a lock another process holds on the file before it fails (and the request gets a
    /// 503) instead of hanging. Within one process the writer never waits on itself.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
