namespace Tally.Bench.Fraud;

/// <summary>What one fraud benchmark run is parameterised by.</summary>
public sealed record FraudBenchOptions
{
    public int Votes { get; init; } = 1_000_000;

    /// <summary>Also measure the Redis projection, on this Redis (StackExchange.Redis configuration); keys under a fresh prefix, removed afterwards.</summary>
    public string? Redis { get; init; }

    /// <summary>Events per batch, as Tally:Sync:BatchSize.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>Measured queries per window.</summary>
    public int Queries { get; init; } = 25;
}
