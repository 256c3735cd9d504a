using Npgsql;

namespace Tally.Bench.VoteInsert;

/// <summary>A database of its own per run (bench_&lt;guid&gt;), dropped at the end whatever happened, so runs never share state.</summary>
public sealed class ScratchDatabase : IDisposable
{
    private readonly string _adminConnectionString;

    private ScratchDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>For the scratch database, with the ledger's MaxAutoPrepare=32 so both paths' statements are prepared once.</summary>
    public string ConnectionString { get; }

    public static ScratchDatabase Create(string adminConnectionString)
    {
        var name = $"bench_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = name,
            MaxAutoPrepare = 32,
            ApplicationName = "tally-bench-vote-insert",
        };
        return new ScratchDatabase(adminConnectionString, name, builder.ConnectionString);
    }

    public void Dispose()
    {
        // Pooled idle connections would keep the database busy; FORCE also ends any the pool did not know about.
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_adminConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
