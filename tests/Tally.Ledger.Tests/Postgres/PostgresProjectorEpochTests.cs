using Tally.Ledger.EventLog;
using Tally.Ledger.Postgres;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>Leader epochs come from the ledger's sequence, and any session can read the highest ever handed out.</summary>
public sealed class PostgresProjectorEpochTests : IAsyncLifetime
{
    private const long LockKey = 0x65706F6368;

    private readonly PostgresLedgerFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Opening the ledger brings its schema (and the epoch sequence) into the fresh database.
        await using var ledger = new PostgresLedgerDatabase(_fixture.ConnectionString, new LedgerCommits());
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task TheLatestEpochIsTheHighestHandedOutToAnySession()
    {
        var projectorLock = new PostgresProjectorLock(_fixture.ConnectionString);
        await using var observer = await projectorLock.OpenSessionAsync(Ct);
        Assert.Equal(0, await observer.LatestEpochAsync(Ct));

        await using (var first = await projectorLock.OpenSessionAsync(Ct))
        {
            Assert.True(await first.TryAcquireAsync(LockKey, Ct));
            Assert.Equal(1, await first.NextEpochAsync(0, Ct));
            Assert.Equal(1, await first.LatestEpochAsync(Ct));
            Assert.Equal(1, await observer.LatestEpochAsync(Ct));
            // Views that saw epoch 10 from elsewhere: the next is above it, and that is the latest.
            Assert.Equal(11, await first.NextEpochAsync(10, Ct));
            Assert.Equal(11, await observer.LatestEpochAsync(Ct));
        }

        await using var second = await projectorLock.OpenSessionAsync(Ct);
        // PostgreSQL frees the first session's lock as its backend exits, a moment after the client closed it.
        await Eventually.HoldsAsync(() => second.TryAcquireAsync(LockKey, Ct), TimeSpan.FromSeconds(10),
            "the second session takes the lock once the first session has ended", Ct);
        Assert.Equal(12, await second.NextEpochAsync(3, Ct));
        Assert.Equal(12, await second.LatestEpochAsync(Ct));
        Assert.Equal(12, await observer.LatestEpochAsync(Ct));
    }
}
