using System.Data.Common;
using Npgsql;

namespace Tally.Bench.Naive;

/// <summary>The naive tables in PostgreSQL with the server's default durability (synchronous_commit on).</summary>
public sealed class PostgresNaiveStore(string connectionString) : NaiveStore(oneWriter: false)
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => $"PostgreSQL {new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.Host}";

    protected override DbConnection CreateConnection() => _dataSource.CreateConnection();

    protected override string IdColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
