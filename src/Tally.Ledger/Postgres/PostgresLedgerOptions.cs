namespace Tally.Ledger.Postgres;

/// <summary>Bound from <c>Tally:Ledger:Postgres</c>; used when <c>Tally:Ledger:Provider</c> is <c>postgres</c>.</summary>
public sealed class PostgresLedgerOptions
{
    public const string Section = "Tally:Ledger:Postgres";

    /// <summary>An Npgsql connection string. <c>ConnectionStrings:Ledger</c> is used when this is empty.</summary>
    public string? ConnectionString { get; set; }
}
