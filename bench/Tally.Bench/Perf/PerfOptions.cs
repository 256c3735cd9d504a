namespace Tally.Bench.Perf;

/// <summary>Everything one <c>perf</c> run is parameterised by; the defaults keep one stack's run under ~12 minutes.</summary>
public sealed record PerfOptions
{
    public const string Embedded = "embedded";
    public const string PostgresRedis = "postgres-redis";

    public static readonly IReadOnlyList<string> AllScenarios = ["many-polls", "hot-poll", "mixed", "burst"];

    public string Stack { get; init; } = Embedded;
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>Which servers to measure, in this order: plain (JwtBearer hello), own (Tally-auth hello), naive, tally.</summary>
    public IReadOnlyList<string> Targets { get; init; } = ["plain", "own", "naive", "tally"];
    public TimeSpan Seconds { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much longer a server with metrics may be warmed, past <see cref="Warmup"/>, until its JIT is quiet; 0 does not wait.</summary>
    public TimeSpan JitSettle { get; init; } = TimeSpan.FromSeconds(60);
    public int Connections { get; init; } = 64;
    public int BurstConnections { get; init; } = 256;
    public TimeSpan BurstSeconds { get; init; } = TimeSpan.FromSeconds(10);
    public int Polls { get; init; } = 20;
    public int PollVoters { get; init; } = 50_000;

    /// <summary>Pre-minted voters; a one-poll scenario needs one per vote it can cast.</summary>
    public int Voters { get; init; } = 200_000;
    public int ReadsPerVote { get; init; } = 100;
    public TimeSpan HalfLoadSeconds { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Votes seeded into one poll for the results-p99 comparison with naive; 0 skips it.</summary>
    public int SeedVotes { get; init; } = 1_000_000;
    public string? ServerDll { get; init; }
    public string? CompareDll { get; init; }
    public string? Postgres { get; init; }
    public string? Redis { get; init; }
    /// <summary>Long enough for naive to seed its million rows before it listens, and for Tally to open a million-vote ledger, on a busy machine.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(300);
}
