using Microsoft.Extensions.Configuration;

namespace Tally.Ledger.Postgres;

/// <summary>Bound from <c>Tally:Ledger:Postgres</c>; used when <c>Tally:Ledger:Provider</c> is <c>postgres</c>.</summary>
public sealed class PostgresLedgerOptions
{
    public const string Section = "Tally:Ledger:Postgres";

    /// <summary>An Npgsql connection string. <c>ConnectionStrings:Ledger</c> is used when this is empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The ledger's connection string, from wherever it is configured; everything that talks to the ledger asks here.</summary>
    public static string ConnectionStringFrom(IConfiguration configuration)
    {
        var configured = configuration[$"{Section}:ConnectionString"];
        var connectionString = string.IsNullOrWhiteSpace(configured) ? configuration.GetConnectionString("Ledger") : configured;
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Tally:Ledger:Provider is postgres, but neither {Section}:ConnectionString nor ConnectionStrings:Ledger is set.")
            : connectionString;
    }
}
