using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Tally.Ledger.Postgres;

/// <summary>
/// Bound from <c>Tally:Ledger:Postgres</c> when <c>Tally:Ledger:Provider</c> is <c>postgres</c>; checked at start by
/// its annotations.
/// </summary>
public sealed class PostgresLedgerOptions
{
    public const string Section = "Tally:Ledger:Postgres";

    /// <summary>An Npgsql connection string. <c>ConnectionStrings:Ledger</c> is used when this is empty.</summary>
    [Required(ErrorMessage = "Tally:Ledger:Provider is postgres, but neither " + Section + ":ConnectionString nor ConnectionStrings:Ledger is set.")]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The longest wait for a connection (opening one, or a free one from the pool): a database that is down or
    /// overloaded gets a quick 503, not a hung request. Npgsql's <c>Timeout</c>; whole seconds. Zero would mean "wait
    /// forever" to Npgsql: exactly what this setting is here to prevent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":ConnectTimeout must be positive and at most 01:00:00.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a statement (COMMIT included) may take before it is cancelled. Npgsql's <c>Command Timeout</c>; whole seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":CommandTimeout must be positive and at most 01:00:00.")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The ledger's connection string with the timeouts above; everything that talks to the ledger uses it.</summary>
    public string LedgerConnectionString() => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Timeout = (int)Math.Ceiling(ConnectTimeout.TotalSeconds),
        CommandTimeout = (int)Math.Ceiling(CommandTimeout.TotalSeconds),
    }.ConnectionString;
}
