using Tally.Bench.Options;

namespace Tally.Bench.Restart;

/// <summary>"--name value" parsing of the restart benchmark's options, in the manner of <see cref="OptionReader"/>.</summary>
public static class RestartOptionReader
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tally.Bench -- restart [options]

        Seeds an embedded ledger (SQLite) through the ledger's own handlers, then starts Tally.Server on it three times:
        without a snapshot (the whole log replayed into memory views), stopped with SIGTERM (which writes a snapshot),
        and again (the snapshot loaded, the tail replayed). Reports the time from process start to /health/ready and
        the server's resident memory per live vote.

          --votes <n>               votes to seed (default 10000000)
          --polls <n>               polls they are spread over, each voter voting in every poll in turn (default 20)
          --seed-concurrency <n>    votes in flight while seeding, and the group commit's batch size (default 10000)
          --ready-timeout <s>       how long a start may take to become ready (default 600)
          --server-dll <path>       Tally.Server.dll to start (default src/Tally.Server/bin/Release/net10.0/Tally.Server.dll)
          --data-path <folder>      restart on this existing data folder instead of seeding one
        """;

    /// <summary>Returns null after printing why, so the caller only has to choose an exit code.</summary>
    public static RestartOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        OptionReader.Read(args, error, Usage, new RestartOptions(), (options, name, value) => name switch
        {
            "--votes" => options with { Votes = OptionReader.Positive(name, value) },
            "--polls" => options with { Polls = OptionReader.Positive(name, value) },
            "--seed-concurrency" => options with { SeedConcurrency = OptionReader.Positive(name, value) },
            "--ready-timeout" => options with { ReadyTimeout = OptionReader.Seconds(name, value) },
            "--server-dll" => options with { ServerDll = value },
            "--data-path" => options with { DataPath = value },
            _ => throw new FormatException($"Unknown option {name}."),
        });
}
