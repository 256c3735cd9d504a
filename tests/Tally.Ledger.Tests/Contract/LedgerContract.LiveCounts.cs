using Tally.Domain.Commands;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task LiveCountsEqualTheVoteRowsOfEveryPollNotClosed()
    {
        var regional = await CreatePollAsync(Draft(regions: ["EU", "US", "APAC"]));
        var plain = await CreatePollAsync();
        var closed = await CreatePollAsync(Draft(regions: ["EU"]));
        var empty = await CreatePollAsync();
        for (var i = 0; i < 40; i++)
        {
            await VoteOkAsync(regional, $"voter-{i}", i % 3 + 1, (i % 3) switch { 0 => "EU", 1 => "US", _ => "APAC" });
            if (i % 2 == 0)
            {
                await VoteOkAsync(plain, $"voter-{i}", i % 5 == 0 ? 2 : 1);
            }
            if (i < 10)
            {
                await VoteOkAsync(closed, $"voter-{i}", 3, "EU");
            }
        }
        for (var i = 0; i < 12; i += 3)
        {
            Assert.True((await RetractAsync(regional, $"voter-{i}")).Succeeded);
        }
        // Changed votes: retracted, then cast again for another option in another region.
        foreach (var voter in new[] { "voter-1", "voter-4", "voter-5" })
        {
            Assert.True((await RetractAsync(regional, voter)).Succeeded);
            await VoteOkAsync(regional, voter, 1, "US");
        }
        Assert.True((await RetractAsync(plain, "voter-0")).Succeeded);
        await CloseAsync(closed);

        var open = await Ledger.LiveCounts.CountAsync(null, Ct);

        Assert.Equal(await HighWaterMarkAsync(), open.Sequence);
        var truth = await Fixture.Probe.LiveVotesAsync(ct: Ct);
        Assert.Equal(new[] { regional.Id, plain.Id }.Order(), truth.Keys.Select(k => k.Poll).Distinct().Order());
        AssertCounts(truth, open.Counts);
        Assert.DoesNotContain(open.Counts, c => c.PollId == closed.Id || c.PollId == empty.Id);
        Assert.Equal(4, open.Counts.Count(c => c.PollId == regional.Id));
        // Every open poll is named as counted, the one without a vote too, so a view holding votes for it shows as drift.
        Assert.Contains(empty.Id, open.Polls);
        Assert.Contains(regional.Id, open.Polls);
        Assert.Contains(plain.Id, open.Polls);
        Assert.DoesNotContain(closed.Id, open.Polls);

        Guid[] named = [closed.Id, plain.Id, empty.Id];
        var chosen = await Ledger.LiveCounts.CountAsync(named, Ct);
        Assert.Equal(open.Sequence, chosen.Sequence);
        AssertCounts(await Fixture.Probe.LiveVotesAsync(named, Ct), chosen.Counts);
        Assert.Contains(chosen.Counts, c => c.PollId == closed.Id);
        Assert.Equal(named.Order(), chosen.Polls.Order());

        Assert.Empty((await Ledger.LiveCounts.CountAsync([], Ct)).Counts);
    }

    [Fact]
    public async Task LiveCountsAtACutAreExactlyThoseOfTheEventsUpToIt()
    {
        var north = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var south = await CreatePollAsync();
        Guid[] polls = [north.Id, south.Id];
        var cuts = new List<LedgerCut> { await Ledger.LiveCounts.CountAsync(polls, Ct) };

        var writers = Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var voter = $"voter-{w}-{i}";
                await VoteOkAsync(north, voter, i % 3 + 1, i % 2 == 0 ? "EU" : "US");
                var southVote = await VoteOkAsync(south, voter, 2);
                if (i % 4 == 0)
                {
                    Assert.True((await RetractAsync(north, voter)).Succeeded);
                }
                else if (i % 4 == 1)
                {
                    // An admin's retraction, and for every other one its reversal.
                    Assert.Single((await RetractOkAsync(south, new VoteSelection([southVote.VoteId], null, null, null, null))).Votes);
                    if (i % 8 == 1)
                    {
                        var reinstated = await Ledger.ReinstateVotes.HandleAsync(
                            new ReinstateVotes(south.Id, [southVote.VoteId], "mistake", Admin, null, AdminClient), Ct);
                        Assert.Single(reinstated.Value!.Reinstated);
                    }
                }
            }
        }, Ct)));
        while (!writers.IsCompleted)
        {
            cuts.Add(await Ledger.LiveCounts.CountAsync(polls, Ct));
        }
        await writers;
        cuts.Add(await Ledger.LiveCounts.CountAsync(polls, Ct));

        var log = await ReadAllEventsAsync();
        foreach (var cut in cuts)
        {
            var upToCut = log.TakeWhile(e => e.Sequence <= cut.Sequence).ToList();
            // Every event up to the cut is readable, without gaps, and the counts are theirs: none more, none less.
            Assert.Equal(Enumerable.Range(1, (int)cut.Sequence).Select(s => (long)s), upToCut.Select(e => e.Sequence));
            AssertCounts(Replay(upToCut), cut.Counts);
        }
        Assert.Equal(2, cuts[0].Sequence);
        Assert.Equal(await HighWaterMarkAsync(), cuts[^1].Sequence);
    }

    private static void AssertCounts(Dictionary<(Guid Poll, int Option, string? Region), long> expected, IReadOnlyList<LiveVotes> counts)
    {
        Assert.Equal(counts.Count, counts.Select(c => (c.PollId, c.OptionId, c.Region)).Distinct().Count());
        Assert.Equal(
            expected.Select(e => (e.Key.Poll, e.Key.Option, e.Key.Region, e.Value)).Order(),
            counts.Select(c => (c.PollId, c.OptionId, c.Region, c.Votes)).Order());
    }

    /// <summary>The live votes the events leave, counted from the events alone.</summary>
    private static Dictionary<(Guid Poll, int Option, string? Region), long> Replay(IEnumerable<StoredEvent> events)
    {
        var counts = new Dictionary<(Guid Poll, int Option, string? Region), long>();
        foreach (var stored in events)
        {
            switch (stored.Event)
            {
                case VoteCast cast:
                    counts[(cast.PollId, cast.OptionId, cast.Region)] = counts.GetValueOrDefault((cast.PollId, cast.OptionId, cast.Region)) + 1;
                    break;
                case VoteRetracted retracted when --counts[(retracted.PollId, retracted.OptionId, retracted.Region)] == 0:
                    counts.Remove((retracted.PollId, retracted.OptionId, retracted.Region));
                    break;
                case VoteReinstated reinstated:
                    counts[(reinstated.PollId, reinstated.OptionId, reinstated.Region)] =
                        counts.GetValueOrDefault((reinstated.PollId, reinstated.OptionId, reinstated.Region)) + 1;
                    break;
            }
        }
        return counts;
    }
}
