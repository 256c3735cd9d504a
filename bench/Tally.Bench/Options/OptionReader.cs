using System.Globalization;

namespace Tally.Bench.Options;

/// <summary>Hand-rolled "--name value" parsing; the option set is small enough that a library would only add weight.</summary>
public static class OptionReader
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tally.Bench -- [options]

          --clients <n>            concurrent HTTP clients (default 64)
          --idempotency-keys <on|off>  send an Idempotency-Key with every vote (default on)
          --duration <s>           measured seconds of voting and of each baseline phase (default 10)
          --warmup <s>             unmeasured seconds before each load phase (default 30)
          --read-seconds <s>       measured seconds of results reads (default 5)
          --read-clients <n>       concurrent clients of the results-read phase (default: --clients)
          --max-votes <n>          cap on pre-minted voter tokens (default 2000000)
          --validations <n>        tokens for the single-thread validation micro-benchmark (default 200000)
          --startup-timeout <s>    how long a server may take to answer /health (default 30)
          --server-dll <path>      Tally.Server.dll to launch (default src/Tally.Server/bin/Release/net10.0/Tally.Server.dll)
          --target <url>           measure an already running Tally on loopback instead of launching one
          --issuer-key <base64>    HS256 key the target accepts for issuer "bench" (required with --target)
          --compare-limits <on|off>  only votes: a node with the default limits against one with Tally:Limits:Enabled=false,
                                   measured in turn, and the ratio (default off)
          --compare-build <dll>    only votes: this build's node against one launched from another build's
                                   Tally.Server.dll, measured in turn, with medians and the ratio
          --compare-rebuild <on|off>  only votes: one node, phases with a shadow rebuild always running (each projection in
                                   turn, through the admin API) against phases without, and the ratio (default off)
          --rounds <n>             with a comparison: vote phases per side (default 2)
          --server-setting <NAME=VALUE>  configuration for the launched nodes, as an environment variable (repeatable)
          --other-setting <NAME=VALUE>   with --compare-build: configuration for the other build's node only (repeatable)

        The poll catalogue (list and search at 100,000 polls) has a benchmark of its own: -- catalog --help
        So do live viewers (a crowd of GET /v1/polls/{id}/live streams while votes arrive): -- live --help
        """;

    /// <summary>Returns null after printing why, so the caller only has to choose an exit code.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        Read(args, error, Usage, new BenchOptions(), (options, name, value) => name switch
        {
            "--clients" => options with { Clients = Positive(name, value) },
            "--idempotency-keys" => options with { IdempotencyKeys = OnOff(name, value) },
            "--duration" => options with { Duration = Seconds(name, value) },
            "--warmup" => options with { Warmup = Seconds(name, value, allowZero: true) },
            "--read-seconds" => options with { ReadDuration = Seconds(name, value) },
            "--read-clients" => options with { ReadClients = Positive(name, value) },
            "--max-votes" => options with { MaxVotes = Positive(name, value) },
            "--validations" => options with { Validations = Positive(name, value) },
            "--startup-timeout" => options with { StartupTimeout = Seconds(name, value) },
            "--server-dll" => options with { ServerDll = value },
            "--target" => options with { Target = LoopbackUri(name, value) },
            "--issuer-key" => options with { IssuerKey = value },
            "--compare-limits" => options with { CompareLimits = OnOff(name, value) },
            "--compare-build" => options with { CompareBuild = value },
            "--compare-rebuild" => options with { CompareRebuild = OnOff(name, value) },
            "--other-setting" => options with { OtherSettings = With(options.OtherSettings, name, value) },
            "--rounds" => options with { Rounds = Positive(name, value) },
            "--server-setting" => options with { ServerSettings = With(options.ServerSettings, name, value) },
            _ => throw new FormatException($"Unknown option {name}."),
        }, options =>
        {
            if (options.Target is not null && string.IsNullOrEmpty(options.IssuerKey))
            {
                throw new FormatException("--target needs --issuer-key: the bench must mint tokens the target accepts.");
            }
            if (options.Compares && options.Target is not null)
            {
                throw new FormatException("A comparison launches its own two nodes; pass --server-setting instead of --target.");
            }
            if ((options.CompareLimits ? 1 : 0) + (options.CompareBuild is null ? 0 : 1) + (options.CompareRebuild ? 1 : 0) > 1)
            {
                throw new FormatException("Compare one thing at a time: limits, builds or rebuilds.");
            }
            if (options.IssuerKey is not null)
            {
                _ = Convert.FromBase64String(options.IssuerKey);
            }
        });

    /// <summary>
    /// Folds "--name value" pairs into <paramref name="options"/> with <paramref name="apply"/> (which throws
    /// <see cref="FormatException"/> on a bad one), then lets <paramref name="check"/> refuse the whole. Returns null after
    /// printing why, or the usage for --help.
    /// </summary>
    internal static T? Read<T>(IReadOnlyList<string> args, TextWriter error, string usage, T options, Func<T, string, string, T> apply, Action<T>? check = null)
        where T : class
    {
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                if (name is "-h" or "--help")
                {
                    error.WriteLine(usage);
                    return null;
                }
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{name} needs a value.");
                }
                options = apply(options, name, args[++i]);
            }
            check?.Invoke(options);
            return options;
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine();
            error.WriteLine(usage);
            return null;
        }
    }

    internal static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string name, string value)
    {
        var split = value.IndexOf('=', StringComparison.Ordinal);
        if (split < 1)
        {
            throw new FormatException($"{name} is NAME=VALUE, not '{value}'.");
        }
        return new Dictionary<string, string>(settings) { [value[..split]] = value[(split + 1)..] };
    }

    private static bool OnOff(string name, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new FormatException($"{name} is on or off, not '{value}'."),
    };

    internal static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{name} must be a positive integer, not '{value}'.");

    internal static TimeSpan Seconds(string name, string value, bool allowZero = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && (s > 0 || (allowZero && s == 0)) && s <= 3600
            ? TimeSpan.FromSeconds(s)
            : throw new FormatException($"{name} must be a number of seconds in (0, 3600], not '{value}'.");

    // The baseline runs on this machine, so comparing it with a remote target would be meaningless;
    // keeping traffic on loopback also keeps the tool from being pointed at someone else's server.
    private static Uri LoopbackUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? new Uri(uri.GetLeftPart(UriPartial.Authority))
            : throw new FormatException($"{name} must be an http:// URL on loopback, not '{value}'.");
}
