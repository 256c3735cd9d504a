using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tally.Ledger.Postgres;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>A fresh database on the test PostgreSQL, created for one test and dropped after it, so tests run in parallel.</summary>
public sealed class PostgresLedgerFixture : LedgerFixture
{
    private readonly FreshDatabase _database = FreshDatabase.Create();

    public PostgresLedgerFixture() => Probe = new PostgresLedgerProbe(_database.ConnectionString);

    public string DatabaseName => _database.Name;

    /// <summary>The test database, for another ledger node or a raw connection.</summary>
    public string ConnectionString => _database.ConnectionString;

    public override ILedgerProbe Probe { get; }

    public override LedgerFixture Fresh() => new PostgresLedgerFixture();

    public override void AddLedger(IServiceCollection services) =>
        services.AddTallyLedger(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{PostgresLedgerOptions.Section}:ConnectionString"] = ConnectionString,
            }).Build(),
            dataPath: Path.GetTempPath(), LedgerProvider.Postgres);

    /// <summary>An unpooled connection to the test database, so the test holds nothing open once it has looked.</summary>
    public Task<NpgsqlConnection> OpenAsync(CancellationToken ct) => _database.OpenAsync(ct);

    public override ValueTask DisposeAsync() => _database.DisposeAsync();
}
