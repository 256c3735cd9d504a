namespace Tally.Bench.Replay;

/// <summary>What one Redis replay benchmark run is parameterised by.</summary>
public sealed record RedisReplayOptions
{
    /// <summary>The Redis to replay into (StackExchange.Redis configuration); keys under a fresh prefix, removed afterwards.</summary>
    public string Redis { get; init; } = "";

    public int Votes { get; init; } = 200_000;

    public int Polls { get; init; } = 20;

    /// <summary>Events per batch handed to every projection, as the projection daemon reads them (Tally:Sync:BatchSize).</summary>
    public int BatchSize { get; init; } = 2000;

    public int Rounds { get; init; } = 3;
}
