using Tally.Bench.Options;

namespace Tally.Bench.Catalog;

/// <summary>"--name value" parsing of the catalogue benchmark's options, in the manner of <see cref="OptionReader"/>.</summary>
public static class CatalogOptionReader
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tally.Bench -- catalog [options]

        Creates polls through POST /v1/polls, then measures GET /v1/polls (page 1, page 500, one-word and two-word
        searches) on memory views, and on Redis views with --redis; with --old-server-dll on that build too.

          --polls <n>               polls to create (default 100000)
          --seed-clients <n>        concurrent clients creating them (default 64)
          --clients <n>             concurrent clients of each measured query (default 4)
          --warmup <s>              unmeasured seconds before each query (default 5)
          --duration <s>            measured seconds of each query (default 10)
          --redis <configuration>   also measure Redis views there (keys under a fresh prefix, removed afterwards)
          --server-dll <path>       Tally.Server.dll to measure (default src/Tally.Server/bin/Release/net10.0/Tally.Server.dll)
          --old-server-dll <path>   also measure this Tally.Server.dll (e.g. an older commit's build) on the same polls
          --startup-timeout <s>     how long a server may take to answer /health (default 30)
          --catch-up-timeout <s>    how long a restarted server may take to rebuild its views (default 600)
        """;

    /// <summary>Returns null after printing why, so the caller only has to choose an exit code.</summary>
    public static CatalogOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        OptionReader.Read(args, error, Usage, new CatalogOptions(), (options, name, value) => name switch
        {
            "--polls" => options with { Polls = OptionReader.Positive(name, value) },
            "--seed-clients" => options with { SeedClients = OptionReader.Positive(name, value) },
            "--clients" => options with { Clients = OptionReader.Positive(name, value) },
            "--warmup" => options with { Warmup = OptionReader.Seconds(name, value, allowZero: true) },
            "--duration" => options with { Duration = OptionReader.Seconds(name, value) },
            "--redis" => options with { Redis = value },
            "--server-dll" => options with { ServerDll = value },
            "--old-server-dll" => options with { OldServerDll = value },
            "--startup-timeout" => options with { StartupTimeout = OptionReader.Seconds(name, value) },
            "--catch-up-timeout" => options with { CatchUpTimeout = OptionReader.Seconds(name, value) },
            _ => throw new FormatException($"Unknown option {name}."),
        });
}
