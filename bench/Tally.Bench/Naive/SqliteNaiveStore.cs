using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Tally.Bench.Naive;

/// <summary>The naive tables in one SQLite file: WAL, and every commit fsynced before the answer (synchronous=FULL).</summary>
public sealed class SqliteNaiveStore(string file) : NaiveStore(oneWriter: true)
{
    // The store pools its own connections (each keeps its prepared statements), so the provider's pool is off.
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    public override string Name => $"SQLite {file}";

    protected override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    protected override string IdColumn => "INTEGER PRIMARY KEY";

    protected override string DatabaseSetup => "PRAGMA journal_mode=WAL;";

    protected override string ConnectionSetup => "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
}
