using Npgsql;

namespace Tally.Ledger.Postgres;

/// <summary>
/// Brings the schema up to date at start. Several nodes may start at once: each applies the missing steps inside one
/// transaction holding a transaction-level advisory lock, so the second waits, then finds nothing left to do.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>Any constant will do as long as every node uses the same one: it names the lock, not a row ("tallymig").</summary>
    private const long LockKey = 0x74616C6C796D6967;

    public static void Apply(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock($1)", LockKey);
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """);
        int applied;
        using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection, transaction))
        {
            applied = Convert.ToInt32(read.ExecuteScalar());
        }
        for (var step = applied; step < PostgresSchema.Migrations.Length; step++)
        {
            Execute(connection, transaction, PostgresSchema.Migrations[step]);
            Execute(connection, transaction, "INSERT INTO schema_migrations (version) VALUES ($1)", step + 1);
        }
        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? argument = null)
    {
        // Unbounded, unlike requests: a long migration (or waiting for another node's) must not fail the start.
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        if (argument is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }
        command.ExecuteNonQuery();
    }
}
