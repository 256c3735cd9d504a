using Tally.Ledger.EventLog;
using Tally.Ledger.Postgres;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>Nodes opening a new PostgreSQL ledger at once must agree on its identity: the first to write it wins.</summary>
public sealed class PostgresLedgerIdentityTests : IAsyncLifetime
{
    private readonly PostgresLedgerFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task NodesOpeningANewLedgerAtOnceAllReadTheSameId()
    {
        using var start = new Barrier(6);
        var opening = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30), Ct);
            return new PostgresLedgerDatabase(_fixture.ConnectionString, new LedgerCommits());
        }, Ct)).ToList();
        var databases = await Task.WhenAll(opening);
        try
        {
            var ids = await Task.WhenAll(databases.Select(d => new PostgresEventLog(d).ReadLedgerIdAsync(Ct)));

            Assert.NotEqual(Guid.Empty, ids[0]);
            Assert.All(ids, id => Assert.Equal(ids[0], id));
            await using var again = new PostgresLedgerDatabase(_fixture.ConnectionString, new LedgerCommits());
            Assert.Equal(ids[0], await new PostgresEventLog(again).ReadLedgerIdAsync(Ct));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }
}
