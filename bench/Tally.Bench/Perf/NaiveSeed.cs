using System.Globalization;

namespace Tally.Bench.Perf;

/// <summary>How the naive server is told, on its command line, to create one poll and bulk-insert votes into it before it listens.</summary>
public static class NaiveSeed
{
    public const string PollId = "00000000-0000-4000-8000-000000000001";

    public static string[] Arguments(long votes) => ["--seed-poll", PollId, "--seed-votes", votes.ToString(CultureInfo.InvariantCulture)];
}
