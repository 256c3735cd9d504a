using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The embedded ledger in a fresh temp folder, inspected through its own read-only connection to the file.</summary>
public sealed class SqliteLedgerFixture : LedgerFixture
{
    private readonly TempFolder _folder = new();

    public SqliteLedgerFixture() => Probe = SqliteLedgerProbe.InFolder(_folder.Path);

    public override ILedgerProbe Probe { get; }

    /// <summary>The ledger file the registered ledger keeps.</summary>
    public string File => Path.Combine(_folder.Path, new Tally.Ledger.Sqlite.SqliteLedgerOptions().File);

    public override LedgerFixture Fresh() => new SqliteLedgerFixture();

    public override void AddLedger(IServiceCollection services) =>
        services.AddTallyLedger(new ConfigurationBuilder().Build(), _folder.Path, LedgerProvider.Sqlite);

    public override ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
