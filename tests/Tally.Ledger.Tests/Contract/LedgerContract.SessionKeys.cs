using Tally.Ledger.Sessions;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    private static readonly DateTimeOffset KeyMadeAt = new(2026, 11, 29, 17, 0, 0, TimeSpan.Zero);

    private static SessionKey KeyNamed(string name, TimeSpan after) =>
        new(name, $"<key id=\"{name}\"><note>&lt;kept &amp; given back as written&gt;</note></key>", KeyMadeAt + after + TimeSpan.FromTicks(7));

    [Fact]
    public async Task SessionKeysAreReadBackAsStoredOldestFirstAndSurviveARestart()
    {
        Assert.Empty(Ledger.SessionKeys.ReadAll());
        var head = await HighWaterMarkAsync();
        var later = KeyNamed("key-b", TimeSpan.FromDays(2));
        var first = KeyNamed("key-a", TimeSpan.Zero);

        Assert.True(Ledger.SessionKeys.Add(later));
        Assert.True(Ledger.SessionKeys.Add(first));

        Assert.Equal([first, later], Ledger.SessionKeys.ReadAll());
        // Keys are no voting fact: nothing enters the event log.
        Assert.Equal(head, await HighWaterMarkAsync());
        await RestartAsync();
        Assert.Equal([first, later], Ledger.SessionKeys.ReadAll());
    }

    [Fact]
    public async Task OfSessionKeysAddedUnderOneNameAtOnceExactlyOneIsStoredAndOthersAllAre()
    {
        var contenders = Enumerable.Range(0, 8).Select(i => KeyNamed("key-same", TimeSpan.FromMinutes(i))).ToArray();
        var distinct = Enumerable.Range(0, 8).Select(i => KeyNamed($"key-{i}", TimeSpan.FromHours(i))).ToArray();

        var stored = await Task.WhenAll(contenders.Concat(distinct).Select(key => Task.Run(() => Ledger.SessionKeys.Add(key), Ct)));

        Assert.Equal(1, stored.Take(contenders.Length).Count(s => s));
        Assert.All(stored.Skip(contenders.Length), s => Assert.True(s));
        var all = Ledger.SessionKeys.ReadAll();
        Assert.Equal(contenders[Array.IndexOf(stored, true)], Assert.Single(all, k => k.Name == "key-same"));
        Assert.Equal(distinct.OrderBy(k => k.CreatedAt), all.Where(k => k.Name != "key-same"));
        Assert.False(Ledger.SessionKeys.Add(KeyNamed("key-0", TimeSpan.Zero) with { Xml = "<other />" }));
        Assert.Equal(distinct[0], Ledger.SessionKeys.ReadAll().Single(k => k.Name == "key-0"));
    }
}
