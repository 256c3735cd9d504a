using System.Globalization;
using Tally.Ledger;

namespace Tally.Bench.Export;

/// <summary>The command line of <see cref="ExportLedgerBench"/>.</summary>
public sealed record ExportLedgerOptions(int Votes, LedgerProvider Provider, string? Postgres, int Batch)
{
    public static ExportLedgerOptions? Parse(string[] args, TextWriter errors)
    {
        var votes = 1_000_000;
        var provider = LedgerProvider.Sqlite;
        string? postgres = null;
        var batch = 5000;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--votes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0:
                    votes = v;
                    break;
                case "--batch" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0:
                    batch = b;
                    break;
                case "--ledger" when Enum.TryParse<LedgerProvider>(value, ignoreCase: true, out var p):
                    provider = p;
                    break;
                case "--postgres" when value is not null:
                    postgres = value;
                    break;
                default:
                    errors.WriteLine($"export-ledger: cannot read '{args[i]}'. Usage: export-ledger --votes N --ledger sqlite|postgres [--postgres connection] [--batch B]");
                    return null;
            }
            i++;
        }
        if (provider == LedgerProvider.Postgres && postgres is null)
        {
            errors.WriteLine("export-ledger: --ledger postgres needs --postgres connection (a role that may create databases).");
            return null;
        }
        return new ExportLedgerOptions(votes, provider, postgres, batch);
    }
}
