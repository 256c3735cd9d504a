using Npgsql;

namespace Tally.Testing;

/// <summary>
/// A database <c>t_&lt;guid&gt;</c> of one test's own on a PostgreSQL server, created empty and dropped after, so tests
/// share the server without sharing state and run in parallel.
/// </summary>
public sealed class FreshDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private FreshDatabase(string adminConnectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = $"t_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A fresh database on the shared server, or on <paramref name="adminConnectionString"/>'s.</summary>
    public static FreshDatabase Create(string? adminConnectionString = null)
    {
        var database = new FreshDatabase(adminConnectionString ?? SharedPostgres.AdminConnectionString);
        using var connection = new NpgsqlConnection(database._adminConnectionString);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {database.Name}", connection);
        create.ExecuteNonQuery();
        return database;
    }

    /// <summary>An unpooled connection to the database, so the test holds nothing open once it has looked.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // FORCE: a session a failed test left behind must not keep the database alive.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
