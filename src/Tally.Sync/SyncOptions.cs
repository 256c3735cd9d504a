namespace Tally.Sync;

/// <summary>Bound from <c>Tally:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string Section = "Tally:Sync";

    /// <summary>Most events read from the log and applied in one step.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>How often the daemon looks at the log when no commit woke it (writers in other processes).</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Pause before retrying after a failure to read or apply.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
