using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Tally.Ledger.Postgres;

/// <summary>Bound from <c>Tally:Ledger:Postgres</c>; used when <c>Tally:Ledger:Provider</c> is <c>postgres</c>.</summary>
public sealed class PostgresLedgerOptions
{
    public const string Section = "Tally:Ledger:Postgres";

    /// <summary>An Npgsql connection string. <c>ConnectionStrings:Ledger</c> is used when this is empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The longest wait for a connection (opening one, or a free one from the pool): a database that is down or
    /// overloaded gets a quick 503, not a hung request. Npgsql's <c>Timeout</c>; whole seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a statement (COMMIT included) may take before it is cancelled. Npgsql's <c>Command Timeout</c>; whole seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The ledger's connection string, from wherever it is configured, with the timeouts above; everything that talks to
    /// the ledger asks here.
    /// </summary>
    public static string ConnectionStringFrom(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<PostgresLedgerOptions>() ?? new PostgresLedgerOptions();
        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString) ? configuration.GetConnectionString("Ledger") : options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Tally:Ledger:Provider is postgres, but neither {Section}:ConnectionString nor ConnectionStrings:Ledger is set.");
        }
        return new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = Seconds(options.ConnectTimeout, nameof(ConnectTimeout)),
            CommandTimeout = Seconds(options.CommandTimeout, nameof(CommandTimeout)),
        }.ConnectionString;
    }

    // Zero would mean "wait forever" to Npgsql: exactly what these settings are here to prevent.
    private static int Seconds(TimeSpan timeout, string name) => timeout > TimeSpan.Zero
        ? (int)Math.Ceiling(timeout.TotalSeconds)
        : throw new InvalidOperationException($"{Section}:{name} must be positive, not {timeout}.");
}
