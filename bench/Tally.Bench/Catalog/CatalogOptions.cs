namespace Tally.Bench.Catalog;

/// <summary>What one catalogue benchmark run is parameterised by.</summary>
public sealed record CatalogOptions
{
    public int Polls { get; init; } = 100_000;

    /// <summary>Concurrent clients creating the polls; creation is not what is measured, only how long seeding takes.</summary>
    public int SeedClients { get; init; } = 64;

    /// <summary>Few clients, so the latencies are the cost of a request rather than time queued behind others.</summary>
    public int Clients { get; init; } = 4;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a restarted server may take to rebuild its views of every poll from the log.</summary>
    public TimeSpan CatchUpTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Tally.Server.dll to measure; null means the Release build inside the repository.</summary>
    public string? ServerDll { get; init; }

    /// <summary>Another Tally.Server.dll (an older commit's build) measured on the same polls, for ratios.</summary>
    public string? OldServerDll { get; init; }

    /// <summary>A Redis (StackExchange.Redis configuration) to measure Redis views on too; null measures memory views only.</summary>
    public string? Redis { get; init; }
}
