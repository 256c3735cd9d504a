namespace Tally.Bench.Naive;

/// <summary>The naive server's command line: where to listen, whose tokens to trust, which database, what to seed.</summary>
public sealed record NaiveOptions(
    string Urls,
    string Issuer,
    string Audience,
    string IssuerKeyBase64,
    string? SqliteFile,
    string? PostgresConnectionString,
    Guid? SeedPoll,
    long SeedVotes)
{
    public const string Usage =
        "usage: naive-server --urls http://127.0.0.1:PORT --issuer <iss> --audience <aud> --issuer-key <base64 HS256 key>\n" +
        "                    (--sqlite <file> | --postgres <connection string>) [--seed-poll <guid> [--seed-votes N]]";

    /// <returns>The options, or null after writing what is wrong to <paramref name="error"/>.</returns>
    public static NaiveOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return Fail(error, $"unexpected argument '{args[i]}'");
            }
            values[args[i]] = args[i + 1];
        }
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "--urls", "--issuer", "--audience", "--issuer-key", "--sqlite", "--postgres", "--seed-poll", "--seed-votes",
        };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return Fail(error, $"unknown option '{unknown}'");
        }
        if (!values.TryGetValue("--urls", out var urls) || !values.TryGetValue("--issuer", out var issuer)
            || !values.TryGetValue("--audience", out var audience) || !values.TryGetValue("--issuer-key", out var key))
        {
            return Fail(error, "--urls, --issuer, --audience and --issuer-key are required");
        }
        var sqlite = values.GetValueOrDefault("--sqlite");
        var postgres = values.GetValueOrDefault("--postgres");
        if ((sqlite is null) == (postgres is null))
        {
            return Fail(error, "give exactly one of --sqlite and --postgres");
        }
        Guid? seedPoll = null;
        if (values.TryGetValue("--seed-poll", out var pollText))
        {
            if (!Guid.TryParse(pollText, out var parsed))
            {
                return Fail(error, $"--seed-poll '{pollText}' is not a GUID");
            }
            seedPoll = parsed;
        }
        long seedVotes = 0;
        if (values.TryGetValue("--seed-votes", out var votesText)
            && (!long.TryParse(votesText, out seedVotes) || seedVotes < 0 || seedPoll is null))
        {
            return Fail(error, "--seed-votes needs a non-negative count and --seed-poll");
        }
        return new NaiveOptions(urls, issuer, audience, key, sqlite, postgres, seedPoll, seedVotes);
    }

    private static NaiveOptions? Fail(TextWriter error, string problem)
    {
        error.WriteLine($"{problem}\n{Usage}");
        return null;
    }
}
