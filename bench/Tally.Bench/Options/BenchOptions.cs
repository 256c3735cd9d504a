namespace Tally.Bench.Options;

/// <summary>Everything one benchmark run is parameterised by.</summary>
public sealed record BenchOptions
{
    public int Clients { get; init; } = 64;

    /// <summary>Whether each vote carries an Idempotency-Key, as a careful client's would (each costs the ledger a keyed row).</summary>
    public bool IdempotencyKeys { get; init; } = true;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Long enough for a steady state on a small machine: a fresh server's JIT keeps recompiling hot code (tiered PGO)
    /// for 20–30 s while the load generator and the databases hold the cores, and votes/s climbs until it is done.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ReadDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Clients of the results-read phase; null means <see cref="Clients"/>. Fewer show service time rather than queueing.</summary>
    public int? ReadClients { get; init; }
    public int MaxVotes { get; init; } = 2_000_000;
    public int Validations { get; init; } = 200_000;
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tally.Server.dll to launch; null means the Release build inside the repository.</summary>
    public string? ServerDll { get; init; }

    /// <summary>An already running Tally to measure instead of launching one.</summary>
    public Uri? Target { get; init; }

    /// <summary>Base64 HS256 key the target accepts for issuer "bench"; required with <see cref="Target"/>.</summary>
    public string? IssuerKey { get; init; }

    /// <summary>Measure votes/s with the default limits against a node with them lifted, in one run (nothing else).</summary>
    public bool CompareLimits { get; init; }

    /// <summary>Another build's Tally.Server.dll: measure votes/s on this build against it, in one run (nothing else).</summary>
    public string? CompareBuild { get; init; }

    /// <summary>With <see cref="CompareBuild"/>: settings for the other build's node only (its own database, say).</summary>
    public IReadOnlyDictionary<string, string> OtherSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether this run is a two-node comparison (limits or builds).</summary>
    /// <summary>Votes/s on one node with a shadow rebuild always running against the same node without one.</summary>
    public bool CompareRebuild { get; init; }

    public bool Compares => CompareLimits || CompareBuild is not null || CompareRebuild;

    /// <summary>Configuration for the nodes the bench launches, as environment variables (<c>Tally__Ledger__Provider=postgres</c>).</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>In a comparison: vote phases per node, taken in turn (first, second, second, first, …).</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>
    /// Pre-minted voter tokens. Each vote spends one, so this bounds the vote phase; the 40k/s guess keeps
    /// minting time and memory proportionate to what one machine can plausibly commit.
    /// </summary>
    public int TokenCount =>
        (int)Math.Min(MaxVotes, 40_000 * Math.Ceiling((Warmup + Duration).TotalSeconds));
}
