using System.Security.Cryptography;
using System.Text;
using Tally.Domain.Polls;
using Tally.Ledger.Recounts;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task ARecountStreamsTheLiveVotesInTheCanonicalOrderAtTheHead()
    {
        var poll = await CreatePollAsync(Draft(regions: ["north", "south"]));
        // Enough random ids that text order and byte order would part somewhere if the ledger sorted by the wrong one.
        var receipts = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => VoteOkAsync(poll, $"voter-{i}", i % 3 + 1, i % 2 == 0 ? "north" : "south")));
        Assert.True((await RetractAsync(poll, "voter-0")).Succeeded);
        var live = receipts.Skip(1).ToList();

        var whole = await CountAsync(poll, new RecountSlice(null, null, null), poll.Regions);
        Assert.Equal(await HighWaterMarkAsync(), whole.Sequence);
        Assert.Equal(live.Count, whole.Total);
        Assert.Equal(Sha256(live), whole.VoteIdsSha256);
        Assert.Equal([99, 100, 100], whole.Options.Select(o => o.Votes));
        Assert.Equal([("north", 149L), ("south", 150L)], whole.Regions!.Select(r => (r.Region, r.Total)));

        var south = await CountAsync(poll, new RecountSlice("south", null, null), null);
        Assert.Equal(Sha256(live.Where(r => r.Region == "south")), south.VoteIdsSha256);
        Assert.Null(south.Regions);

        var cut = live.OrderBy(r => r.RecordedAt).ElementAt(100).RecordedAt;
        var early = await CountAsync(poll, new RecountSlice(null, null, cut), null);
        Assert.Equal(Sha256(live.Where(r => r.RecordedAt < cut)), early.VoteIdsSha256);
        var late = await CountAsync(poll, new RecountSlice(null, cut, null), null);
        Assert.Equal(live.Count, early.Total + late.Total);
    }

    [Fact]
    public async Task AKeptRecountReadsBackWithItsAuditRow()
    {
        var poll = await CreatePollAsync();
        await VoteOkAsync(poll, "voter-1", 2);
        var ledger = await CountAsync(poll, new RecountSlice(null, null, null), null);
        var report = RecountReport.Build(Guid.NewGuid(), poll.Id, new RecountSlice(null, null, null), ledger, null,
            TimeSpan.FromMilliseconds(3), "root", Clock.GetUtcNow());
        var eventsBefore = await HighWaterMarkAsync();

        await Ledger.Recounts.KeepAsync(report, Ct);

        Assert.Equal(report.ToJson(), (await Ledger.Recounts.FindAsync(poll.Id, report.RecountId, Ct))!.ToJson());
        Assert.Null(await Ledger.Recounts.FindAsync(Guid.NewGuid(), report.RecountId, Ct));
        Assert.Null(await Ledger.Recounts.FindAsync(poll.Id, Guid.NewGuid(), Ct));
        Assert.Equal(("root", report.RecountId.ToString()), Assert.Single(await Fixture.ReadAuditRowsAsync("recount", Ct)));
        Assert.Equal(eventsBefore, await HighWaterMarkAsync());
    }

    private async Task<LedgerCount> CountAsync(Poll poll, RecountSlice slice, IReadOnlyList<string>? regions)
    {
        using var count = new RecountCount(poll.Options.Count, regions);
        return count.Finish(await Ledger.Recounts.CountAsync(poll.Id, slice, count, Ct));
    }

    private static string Sha256(IEnumerable<Domain.Ballots.VoteReceipt> votes) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(
        string.Concat(votes.Select(v => v.VoteId.ToString("D")).Order(StringComparer.Ordinal).Select(id => id + "\n")))));
}
