using Tally.Bench.Options;

namespace Tally.Bench.Perf;

public static class PerfOptionReader
{
    public const string Usage = """
        Usage: dotnet bench/Tally.Bench/bin/Release/net10.0/Tally.Bench.dll perf [options]

        Drives each server with wrk (apt-get install -y wrk), one after the other on this machine: a plain JwtBearer
        hello, Tally's own-auth hello, the naive implementation and Tally, on the same stack's database.

          --stack <embedded|postgres-redis>  (default embedded; postgres-redis needs --postgres and --redis,
                                   or use scripts/bench-perf.sh which starts private ones)
          --scenarios <list>       of many-polls, hot-poll, mixed, burst (default all); none: only the seeded results
          --targets <list>         of plain, own, naive, tally (default all)
          --seconds <s>            measured seconds per run (default 10)
          --warmup <s>             unmeasured seconds before each run, on polls of its own (default 10)
          --jit-settle <s>         at most this much more warm-up, in 3 s steps, until a step's JIT takes
                                   under 0.05 cores (servers with /metrics; default 60, 0 does not wait)
          --connections <n>        wrk connections (default 64)
          --burst-connections <n>  connections opened at once on the burst's new poll (default 256)
          --burst-seconds <s>      length of the burst (default 10)
          --polls <n>              polls of many-polls (default 20)
          --poll-voters <n>        voters of many-polls, each voting in every poll (default 50000)
          --voters <n>             pre-minted voter tokens (default 200000)
          --reads-per-vote <n>     results reads per vote in mixed (default 100)
          --half-load-seconds <s>  the open-loop run at half the measured maximum (default 10)
          --seed-votes <n>         votes in one poll for results p99, Tally vs naive; 0 skips (default 1000000)
          --server-dll <path>      Tally.Server.dll (default the repository's Release build)
          --compare-dll <path>     another build's Tally.Server.dll, measured after the first with the same runs
          --postgres <conn>        PostgreSQL server (databases are created on it per server)
          --redis <conn>           Redis (a key prefix per server)
          --startup-timeout <s>    how long a server may take to answer /health, seeding included (default 300)
        """;

    public static PerfOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        OptionReader.Read(args, error, Usage, new PerfOptions(), (options, name, value) => name switch
        {
            "--stack" => options with { Stack = value is PerfOptions.Embedded or PerfOptions.PostgresRedis ? value : throw new FormatException($"--stack is embedded or postgres-redis, not '{value}'.") },
            "--scenarios" => options with { Scenarios = value == "none" ? [] : Subset(name, value, PerfOptions.AllScenarios) },
            "--targets" => options with { Targets = Subset(name, value, ["plain", "own", "naive", "tally"]) },
            "--seconds" => options with { Seconds = OptionReader.Seconds(name, value) },
            "--warmup" => options with { Warmup = OptionReader.Seconds(name, value, allowZero: true) },
            "--jit-settle" => options with { JitSettle = OptionReader.Seconds(name, value, allowZero: true) },
            "--connections" => options with { Connections = OptionReader.Positive(name, value) },
            "--burst-connections" => options with { BurstConnections = OptionReader.Positive(name, value) },
            "--burst-seconds" => options with { BurstSeconds = OptionReader.Seconds(name, value) },
            "--polls" => options with { Polls = OptionReader.Positive(name, value) },
            "--poll-voters" => options with { PollVoters = OptionReader.Positive(name, value) },
            "--voters" => options with { Voters = OptionReader.Positive(name, value) },
            "--reads-per-vote" => options with { ReadsPerVote = OptionReader.Positive(name, value) },
            "--half-load-seconds" => options with { HalfLoadSeconds = OptionReader.Seconds(name, value) },
            "--seed-votes" => options with { SeedVotes = value == "0" ? 0 : OptionReader.Positive(name, value) },
            "--server-dll" => options with { ServerDll = value },
            "--compare-dll" => options with { CompareDll = value },
            "--postgres" => options with { Postgres = value },
            "--redis" => options with { Redis = value },
            "--startup-timeout" => options with { StartupTimeout = OptionReader.Seconds(name, value) },
            _ => throw new FormatException($"Unknown option {name}."),
        }, options =>
        {
            if (options.Stack == PerfOptions.PostgresRedis && (options.Postgres is null || options.Redis is null))
            {
                throw new FormatException("--stack postgres-redis needs --postgres and --redis (scripts/bench-perf.sh passes private ones).");
            }
            if (options.PollVoters > options.Voters)
            {
                throw new FormatException("--poll-voters cannot exceed --voters.");
            }
        });

    private static string[] Subset(string name, string value, IReadOnlyList<string> allowed)
    {
        var chosen = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return chosen.Length > 0 && chosen.All(allowed.Contains)
            ? chosen
            : throw new FormatException($"{name} is a comma-separated list of {string.Join(", ", allowed)}, not '{value}'.");
    }
}
