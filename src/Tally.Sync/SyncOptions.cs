using System.ComponentModel.DataAnnotations;

namespace Tally.Sync;

/// <summary>Bound from <c>Tally:Sync</c>; checked at start against its annotations.</summary>
public sealed class SyncOptions
{
    public const string Section = "Tally:Sync";

    /// <summary>Most events read from the log and applied in one step.</summary>
    [Range(1, 1_000_000, ErrorMessage = Section + ":BatchSize must be from 1 to 1000000.")]
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Most events this process committed that wait in memory for the daemon (<see cref="Ledger.EventLog.CommittedEvents"/>);
    /// past that it reads them from the log. Zero: always read the log.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = Section + ":HandoffCapacity must be from 0 to 1000000.")]
    public int HandoffCapacity { get; set; } = 16_384;

    /// <summary>How often the daemon looks at the log when no commit woke it (writers in other processes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":IdlePollInterval must be positive and at most 01:00:00.")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Pause before retrying after a failure to read or apply.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = Section + ":RetryDelay must be from 00:00:00 to 01:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Lag (age of the oldest event not applied) above which a warning is logged, once per crossing.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = Section + ":LagWarning must be from 00:00:00.010 to 1.00:00:00.")]
    public TimeSpan LagWarning { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share of time a shadow rebuild may replay while votes are flowing (it yields the rest); idle, it runs flat out.
    /// </summary>
    [Range(0.01, 1.0, ErrorMessage = Section + ":RebuildBusyShare must be from 0.01 to 1.")]
    public double RebuildBusyShare { get; set; } = 0.3;

    /// <summary>How often the leading node compares every open poll's views with the ledger and repairs drift.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00", ErrorMessage = Section + ":ReconcileInterval must be from 00:00:00.100 to 7.00:00:00.")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);
}
