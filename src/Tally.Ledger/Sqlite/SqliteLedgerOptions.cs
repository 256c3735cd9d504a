using System.ComponentModel.DataAnnotations;

namespace Tally.Ledger.Sqlite;

/// <summary>Bound from <c>Tally:Ledger:Sqlite</c>; checked at start against its annotations.</summary>
public sealed class SqliteLedgerOptions
{
    public const string Section = "Tally:Ledger:Sqlite";

    /// <summary>The database file; relative paths are under the data folder.</summary>
    [Required(ErrorMessage = Section + ":File must name a file.")]
    public string File { get; set; } = "ledger.db";

    /// <summary>SQLite's synchronous setting. FULL syncs the WAL at every commit, so an acknowledged vote survives a power cut too.</summary>
    [RegularExpression("(?i)^(FULL|NORMAL|OFF)$", ErrorMessage = Section + ":Synchronous must be FULL, NORMAL or OFF.")]
    public string Synchronous { get; set; } = "FULL";

    /// <summary>
    /// How long a statement waits for a lock another process holds on the file before it fails (and the request gets a
    /// 503) instead of hanging. Within one process the writer never waits on itself. Whole seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":BusyTimeout must be positive and at most 01:00:00.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The writer's page cache, MiB. Small on purpose: when a COMMIT split a B-tree page, SQLite had parked a page under a
    /// temporary number past the end of the file (balance_nonroot sorts siblings that way), and ending the transaction
    /// then walks every page in the cache to drop those past the end. With many polls nearly every batch splits a page, so
    /// each commit costs time in proportion to this cache; pages that miss it come from the operating system's file cache.
    /// </summary>
    [Range(1, 65536, ErrorMessage = Section + ":CacheSizeMiB must be between 1 and 65536.")]
    public int CacheSizeMiB { get; set; } = 8;

    /// <summary>
    /// How much the WAL may grow, MiB, before its pages are copied into the database file (off the writer's thread) and
    /// the WAL starts over.
    /// </summary>
    [Range(1, 4096, ErrorMessage = Section + ":CheckpointWalMiB must be between 1 and 4096.")]
    public int CheckpointWalMiB { get; set; } = 16;
}
