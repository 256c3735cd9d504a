namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:Live</c>: open live streams, counted on each node.</summary>
public sealed class LiveLimits
{
    public int PerIp { get; set; } = 100;

    public int PerNode { get; set; } = 10_000;

    /// <summary>What a refused stream is told to wait; a slot frees whenever any stream ends, so this is a hint.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
