namespace Tally.Bench.Restart;

/// <summary>What one restart benchmark is parameterised by.</summary>
public sealed record RestartOptions
{
    public long Votes { get; init; } = 10_000_000;

    public int Polls { get; init; } = 20;

    /// <summary>Votes in flight while seeding: enough for big group-commit batches.</summary>
    public int SeedConcurrency { get; init; } = 10_000;

    /// <summary>How long a start may take to become ready (replaying the whole log without a snapshot).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public string? ServerDll { get; init; }

    /// <summary>An existing data folder to restart on instead of seeding a new one (it is left in place).</summary>
    public string? DataPath { get; init; }
}
