namespace Tally.Bench.Options;

public static class CommandLine
{
    /// <summary>The invocation as a user would retype it, for the report: results are meaningless without their settings.</summary>
    public static string Reconstruct(IEnumerable<string> args)
    {
        var quoted = args.Select(Quote).ToList();
        return "dotnet run -c Release --project bench/Tally.Bench" + (quoted.Count > 0 ? " -- " + string.Join(' ', quoted) : "");
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
