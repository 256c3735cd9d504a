using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Fraud;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Fraud;

/// <summary>What the fraud projection answers, whichever store holds it: each store runs the whole suite through a subclass.</summary>
public abstract class FraudContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = EventScript.Start;
    private const string Bot = "203.0.113.7";

    private readonly FraudLog _log = new();
    private readonly ManualClock _clock = new(T0);
    private readonly Poll _poll = EventScript.NewPoll("Best bot?");

    private protected abstract FraudViews Create(TimeProvider clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AThousandVotesFromOneAddressAmongTenThousandAddressesAreTheFirstCluster()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        var bots = new List<VoteCast>();
        for (var i = 0; i < 11_000; i++)
        {
            if (i % 11 == 5)
            {
                bots.Add(_log.Vote(_poll, $"bot-{i}", Bot, T0.AddSeconds(i)));
            }
            else
            {
                _log.Vote(_poll, $"voter-{i}", Distinct(i), T0.AddSeconds(i));
            }
        }
        await ApplyInBatchesAsync(fraud, _log.All);

        var report = await FindAsync(fraud, window: null, minVotes: 10);

        Assert.Equal(11_000, report.VotesConsidered);
        Assert.Equal(0, report.VotesUnknown);
        Assert.False(report.Forgotten);
        var first = report.Clusters[0];
        Assert.Equal(ClusterKind.IpAddress, first.Kind);
        Assert.Equal(Bot, first.Key);
        Assert.Equal(1_000, first.Votes);
        Assert.Equal(bots[0].RecordedAt, first.FirstAt);
        Assert.Equal(bots[^1].RecordedAt, first.LastAt);
        Assert.Equal(bots.Take(5).Select(b => b.VoteId), first.SampleVoteIds);
        Assert.Equal(1_000 / (11_000.0 / 10_001), first.Score, 6);
        // Every other address voted once, below the mean: nothing else stands out.
        Assert.Single(report.Clusters);
    }

    [Fact]
    public async Task ANetworkIsReportedOnlyWhenItSpansTwoAddresses()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 200; i++)
        {
            _log.Vote(_poll, $"voter-{i}", Distinct(i), T0.AddSeconds(i));
        }
        for (var i = 0; i < 20; i++)
        {
            _log.Vote(_poll, $"pair-a-{i}", "198.51.100.1", T0.AddSeconds(300 + i));
            _log.Vote(_poll, $"pair-b-{i}", "198.51.100.2", T0.AddSeconds(300 + i));
            _log.Vote(_poll, $"alone-{i}", "192.0.2.1", T0.AddSeconds(300 + i));
        }
        await fraud.Projection.BatchAsync(_log.All);

        var report = await FindAsync(fraud, window: null, minVotes: 2);

        var network = Assert.Single(report.Clusters, c => c.Kind == ClusterKind.Network);
        Assert.Equal("198.51.100.0/24", network.Key);
        Assert.Equal(40, network.Votes);
        Assert.Contains(report.Clusters, c => c.Kind == ClusterKind.IpAddress && c.Key == "192.0.2.1");
    }

    [Fact]
    public async Task ABurstFromOneAddressIsAVelocityCluster()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 200; i++)
        {
            _log.Vote(_poll, $"voter-{i}", Distinct(i), T0.AddSeconds(i));
        }
        var burst = Enumerable.Range(0, 10).Select(i => _log.Vote(_poll, $"burst-{i}", Bot, T0.AddSeconds(500).AddMilliseconds(i * 50))).ToArray();
        // Committed by another node whose clock is a little behind: the address's time goes back, and nothing changes.
        _log.Vote(_poll, "behind", Bot, T0.AddSeconds(499.5));
        // As many votes from another address, a minute apart: many votes, but no burst.
        for (var i = 0; i < 10; i++)
        {
            _log.Vote(_poll, $"slow-{i}", "192.0.2.1", T0.AddMinutes(10 + i));
        }
        await fraud.Projection.BatchAsync(_log.All);

        var report = await FindAsync(fraud, window: null, minVotes: 3);

        var velocity = Assert.Single(report.Clusters, c => c.Kind == ClusterKind.Velocity);
        Assert.Equal(Bot, velocity.Key);
        Assert.Equal(10, velocity.Votes);
        Assert.Equal(10, velocity.Score);
        Assert.Equal(11, Assert.Single(report.Clusters, c => c.Kind == ClusterKind.IpAddress && c.Key == Bot).Votes);
        Assert.Equal(burst[0].RecordedAt, velocity.FirstAt);
        Assert.Equal(burst[^1].RecordedAt, velocity.LastAt);
        Assert.Equal(burst.Take(5).Select(b => b.VoteId), velocity.SampleVoteIds);
        // 11 votes ÷ (221 ÷ 202) just beats the burst's 10 ÷ 1.
        Assert.Equal([ClusterKind.IpAddress, ClusterKind.Velocity], report.Clusters.Take(2).Select(c => c.Kind));
    }

    [Fact]
    public async Task AccountsRegisteredMinutesBeforeVotingAreAnAccountAgeCluster()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        var voteAt = T0.AddDays(1);
        for (var band = 1; band <= 10; band++)
        {
            for (var i = 0; i < 10; i++)
            {
                _log.Registered($"old-{band}-{i}", voteAt - TimeSpan.FromMinutes(10 * Math.Pow(2, band - 1) * 1.5));
            }
        }
        for (var i = 0; i < 20; i++)
        {
            _log.Registered($"fresh-{i}", voteAt.AddMinutes(-3));
        }
        var votes = new List<VoteCast>();
        for (var band = 1; band <= 10; band++)
        {
            for (var i = 0; i < 10; i++)
            {
                _log.Vote(_poll, $"old-{band}-{i}", Distinct(band * 10 + i), voteAt);
            }
        }
        for (var i = 0; i < 20; i++)
        {
            votes.Add(_log.Vote(_poll, $"fresh-{i}", Distinct(500 + i), voteAt.AddSeconds(i)));
        }
        // Registered only after voting (as far as the log tells), and never registered: age unknown.
        _log.Vote(_poll, "late", Distinct(900), voteAt);
        _log.Registered("late", voteAt.AddMinutes(-1));
        _log.Vote(_poll, "external", Distinct(901), voteAt);
        await fraud.Projection.BatchAsync(_log.All);

        var report = await FindAsync(fraud, window: null, minVotes: 5);

        var young = Assert.Single(report.Clusters, c => c.Kind == ClusterKind.AccountAge);
        Assert.Equal("00:10:00", young.Key);
        Assert.Equal(20, young.Votes);
        Assert.Equal(votes[0].RecordedAt, young.FirstAt);
        Assert.Equal(votes[^1].RecordedAt, young.LastAt);
        Assert.Equal(votes.Take(5).Select(v => v.VoteId), young.SampleVoteIds);
        // 120 votes of known age in 11 bands: 20 ÷ (120 ÷ 11).
        Assert.Equal(20 / (120 / 11.0), young.Score, 6);
    }

    [Fact]
    public async Task RetractedVotesLeaveTheirClusterAndReinstatedOnesComeBack()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 100; i++)
        {
            _log.Vote(_poll, $"voter-{i}", Distinct(i), T0.AddSeconds(i));
        }
        var bots = Enumerable.Range(0, 30).Select(i => _log.Vote(_poll, $"bot-{i}", Bot, T0.AddSeconds(200 + i))).ToArray();
        await fraud.Projection.BatchAsync(_log.All);
        var applied = _log.All.Count;
        foreach (var bot in bots.Take(25))
        {
            _log.Retract(bot, T0.AddSeconds(400));
        }
        await fraud.Projection.BatchAsync(_log.All.Skip(applied));
        applied = _log.All.Count;

        var retracted = await FindAsync(fraud, window: null, minVotes: 2);

        Assert.Equal(105, retracted.VotesConsidered);
        var cluster = Assert.Single(retracted.Clusters, c => c.Kind == ClusterKind.IpAddress);
        Assert.Equal(5, cluster.Votes);
        Assert.Equal(bots.Skip(25).Select(b => b.VoteId), cluster.SampleVoteIds);

        foreach (var bot in bots.Take(25))
        {
            _log.Reinstate(bot, T0.AddSeconds(500));
        }
        await fraud.Projection.BatchAsync(_log.All.Skip(applied));

        var reinstated = await FindAsync(fraud, window: null, minVotes: 2);

        Assert.Equal(130, reinstated.VotesConsidered);
        Assert.Equal(30, Assert.Single(reinstated.Clusters, c => c.Kind == ClusterKind.IpAddress).Votes);
    }

    [Fact]
    public async Task TheWindowLeavesOlderVotesOut()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 50; i++)
        {
            _log.Vote(_poll, $"bot-{i}", Bot, T0.AddSeconds(i * 2));
        }
        var now = T0.AddHours(1);
        for (var i = 0; i < 40; i++)
        {
            _log.Vote(_poll, $"voter-{i}", Distinct(i), now.AddMinutes(-5).AddSeconds(i));
        }
        _log.Vote(_poll, "future", Distinct(99), now.AddSeconds(1));
        await fraud.Projection.BatchAsync(_log.All);

        var recent = await FindAsync(fraud, TimeSpan.FromMinutes(10), minVotes: 2, now);
        var all = await FindAsync(fraud, window: null, minVotes: 2, now);

        Assert.Equal(40, recent.VotesConsidered);
        Assert.Empty(recent.Clusters);
        Assert.Equal(91, all.VotesConsidered);
        Assert.Equal(Bot, all.Clusters[0].Key);
    }

    [Fact]
    public async Task VotesWithoutAnAddressAreUnknown()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 10; i++)
        {
            _log.Vote(_poll, $"old-{i}", ip: null, T0.AddSeconds(i), agent: null);
        }
        _log.Vote(_poll, "new", Bot, T0.AddSeconds(20));
        await fraud.Projection.BatchAsync(_log.All);

        var report = await FindAsync(fraud, window: null, minVotes: 1);

        Assert.Equal(11, report.VotesConsidered);
        Assert.Equal(10, report.VotesUnknown);
        Assert.Empty(report.Clusters);
        Assert.Null(await fraud.View.FindAsync(Guid.NewGuid(), new SuspiciousQuery(null, 1, 10, T0), Ct));
    }

    [Fact]
    public async Task APollClosedLongerAgoThanTheRetentionIsForgottenWhenItsCloseIsApplied()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 30; i++)
        {
            _log.Vote(_poll, $"bot-{i}", Bot, T0.AddSeconds(i));
        }
        _log.Close(_poll, T0.AddHours(1));
        _clock.Now = T0.AddDays(31);

        await fraud.Projection.BatchAsync(_log.All);

        var report = await FindAsync(fraud, window: null, minVotes: 1);
        Assert.True(report.Forgotten);
        Assert.Empty(report.Clusters);
        Assert.Equal(0, report.VotesConsidered);
    }

    [Fact]
    public async Task ThePollIsForgottenOnceItsRetentionPassesAndTheSweepDropsItsVotes()
    {
        var fraud = Create(_clock);
        var other = EventScript.NewPoll("Still open");
        _log.Created(_poll);
        _log.Created(other);
        for (var i = 0; i < 30; i++)
        {
            _log.Vote(_poll, $"bot-{i}", Bot, T0.AddSeconds(i));
            _log.Vote(other, $"bot-{i}", Bot, T0.AddSeconds(i));
        }
        _log.Vote(other, "voter", Distinct(1), T0.AddSeconds(40));
        _log.Close(_poll, T0.AddHours(1));
        _clock.Now = T0.AddDays(2);
        await fraud.Projection.BatchAsync(_log.All);
        Assert.False((await FindAsync(fraud, window: null, minVotes: 1)).Forgotten);

        _clock.Now = T0.AddDays(31);

        // Already past the retention: the query says so before any sweep.
        Assert.True((await FindAsync(fraud, window: null, minVotes: 1)).Forgotten);
        Assert.Equal(1, await fraud.Retention.ForgetExpiredAsync(_clock.Now, Ct));
        Assert.Equal(0, await fraud.Retention.ForgetExpiredAsync(_clock.Now, Ct));
        _clock.Now = T0.AddDays(2);
        Assert.True((await FindAsync(fraud, window: null, minVotes: 1)).Forgotten);
        var open = await fraud.View.FindAsync(other.Id, new SuspiciousQuery(null, 1, 10, T0.AddDays(2)), Ct);
        Assert.Equal(31, open!.VotesConsidered);
        Assert.Equal(Bot, open.Clusters[0].Key);
    }

    [Fact]
    public async Task ApplyingTheSameBatchTwiceChangesNothing()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        for (var i = 0; i < 1_200; i++)
        {
            _log.Vote(_poll, $"voter-{i}", i % 3 == 0 ? Bot : Distinct(i), T0.AddSeconds(i));
        }
        await fraud.Projection.BatchAsync(_log.All);
        var once = await FindAsync(fraud, window: null, minVotes: 1);

        await fraud.Projection.BatchAsync(_log.All);
        await fraud.Projection.BatchAsync(_log.All.Skip(600));

        AssertSame(once, await FindAsync(fraud, window: null, minVotes: 1));
        Assert.Equal(_log.All.Count, await fraud.Projection.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task AShadowRebuiltFromTheLogServesTheSameAnswerOnceSwappedIn()
    {
        var fraud = Create(_clock);
        _log.Created(_poll);
        _log.Registered("fresh", T0);
        for (var i = 0; i < 1_200; i++)
        {
            _log.Vote(_poll, i == 7 ? "fresh" : $"voter-{i}", i % 4 == 0 ? Bot : Distinct(i), T0.AddSeconds(i));
        }
        await fraud.Projection.BatchAsync(_log.All);
        var live = await FindAsync(fraud, window: null, minVotes: 1);

        var shadow = fraud.Projection.CreateShadow();
        await ApplyInBatchesAsync(shadow, _log.All);
        await shadow.SwapInAsync(Ct);

        AssertSame(live, await FindAsync(fraud, window: null, minVotes: 1));
        var more = _log.All.Count;
        for (var i = 0; i < 10; i++)
        {
            _log.Vote(_poll, $"late-{i}", Bot, T0.AddHours(1).AddSeconds(i));
        }
        await fraud.Projection.BatchAsync(_log.All.Skip(more));
        Assert.Equal(310, (await FindAsync(fraud, window: null, minVotes: 1)).Clusters.Single(c => c.Kind == ClusterKind.IpAddress).Votes);
    }

    [Fact]
    public async Task ARepairReplacesOnePollsVotesWithWhatItsEventsSay()
    {
        var fraud = Create(_clock);
        var other = EventScript.NewPoll("Other");
        _log.Created(_poll);
        _log.Created(other);
        _log.Registered("fresh", T0);
        for (var i = 0; i < 600; i++)
        {
            _log.Vote(_poll, i == 3 ? "fresh" : $"voter-{i}", i % 2 == 0 ? Bot : Distinct(i), T0.AddSeconds(i));
            _log.Vote(other, $"voter-{i}", i % 3 == 0 ? Bot : Distinct(i), T0.AddSeconds(i));
        }
        await fraud.Projection.BatchAsync(_log.All);
        var before = await FindAsync(fraud, window: null, minVotes: 1);
        var otherBefore = await fraud.View.FindAsync(other.Id, Query(null, 1, T0), Ct);
        var pollEvents = _log.All.Where(e => e.Event.PollId == _poll.Id).ToArray();

        // Repaired from a prefix of its events, the poll holds only those; from all of them, all again.
        await fraud.Projection.RepairPollAsync(_poll.Id, pollEvents.Take(101).ToArray(), Ct);
        Assert.Equal(100, (await FindAsync(fraud, window: null, minVotes: 1)).VotesConsidered);
        await fraud.Projection.RepairPollAsync(_poll.Id, pollEvents, Ct);

        AssertSame(before, await FindAsync(fraud, window: null, minVotes: 1));
        AssertSame(otherBefore!, (await fraud.View.FindAsync(other.Id, Query(null, 1, T0), Ct))!);
        Assert.Equal(_log.All.Count, await fraud.Projection.ReadCheckpointAsync(Ct));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task ARandomPollsClustersAreThoseAPlainRecountFinds(int seed, bool timeGoesBack)
    {
        var fraud = Create(_clock);
        var random = new Random(seed);
        _log.Created(_poll);
        var cast = new List<VoteCast>();
        var at = T0;
        for (var i = 0; i < 3_000; i++)
        {
            // Skewed picks, so some addresses, networks and agents stand out and some seconds are busy.
            var ip = random.Next(20) == 0 ? null : $"10.{random.Next(3)}.{Skewed(random, 40)}.{Skewed(random, 6)}";
            var agent = random.Next(25) == 0 ? null : $"agent-{Skewed(random, 12)}";
            at = at.AddMilliseconds(random.Next(4) == 0 ? 1_000 : 100);
            var castAt = timeGoesBack && random.Next(50) == 0 ? at.AddSeconds(-3) : at;
            cast.Add(_log.Vote(_poll, $"voter-{i}", ip, castAt, agent));
        }
        foreach (var gone in cast.Where(_ => random.Next(15) == 0).ToArray())
        {
            _log.Retract(gone, at.AddSeconds(1));
        }
        await ApplyInBatchesAsync(fraud, _log.All);
        var live = cast.Where(c => !_log.All.Any(e => e.Event is VoteRetracted r && r.VoteId == c.VoteId)).ToArray();

        foreach (var minVotes in new[] { 1, 10, 40 })
        {
            var query = new SuspiciousQuery(null, minVotes, 10_000, T0.AddDays(1));
            var report = (await fraud.View.FindAsync(_poll.Id, query, Ct))!;

            Assert.Equal(live.Length, report.VotesConsidered);
            Assert.Equal(live.Count(c => c.IpAddress is null), report.VotesUnknown);
            Assert.Equal(Recount(live, minVotes), report.Clusters.Where(c => c.Kind != ClusterKind.AccountAge).Select(Comparable));
        }
    }

    private static int Skewed(Random random, int below) => (int)(below * Math.Pow(random.NextDouble(), 3));

    /// <summary>The clusters but account age, recounted from the live votes in log order as ClusterFinder's summary describes them.</summary>
    private static string[] Recount(VoteCast[] live, int minVotes)
    {
        var found = new List<(ClusterKind Kind, string Key, VoteCast[] Votes, double Score, int First)>();
        void Consider(ClusterKind kind, IEnumerable<IGrouping<string, (VoteCast Vote, int Position)>> groups, double mean)
        {
            foreach (var group in groups)
            {
                var score = group.Count() / mean;
                if (group.Count() >= minVotes && score > 1)
                {
                    found.Add((kind, group.Key, group.Select(g => g.Vote).ToArray(), score, group.First().Position));
                }
            }
        }
        var positioned = live.Select((vote, position) => (Vote: vote, Position: position)).ToArray();
        var addressed = positioned.Where(p => p.Vote.IpAddress is not null).ToArray();
        var addresses = addressed.GroupBy(p => p.Vote.IpAddress!).ToArray();
        var networks = addressed.GroupBy(p => p.Vote.IpAddress![..p.Vote.IpAddress!.LastIndexOf('.')] + ".0/24").ToArray();
        var agents = positioned.Where(p => p.Vote.UserAgent is not null).GroupBy(p => p.Vote.UserAgent!).ToArray();
        Consider(ClusterKind.IpAddress, addresses, (double)addressed.Length / addresses.Length);
        Consider(ClusterKind.Network, networks.Where(n => n.Select(p => p.Vote.IpAddress).Distinct().Count() > 1), (double)addressed.Length / networks.Length);
        Consider(ClusterKind.UserAgent, agents, (double)agents.Sum(a => a.Count()) / agents.Length);

        var busiest = addresses.Select(a => a.GroupBy(p => p.Vote.RecordedAt.UtcTicks / TimeSpan.TicksPerSecond)
            .OrderByDescending(s => s.Count()).ThenBy(s => s.Key).First()).ToArray();
        var peaks = busiest.Select(b => b.Count()).Order().ToArray();
        var baseline = (peaks[(peaks.Length - 1) / 2] + peaks[peaks.Length / 2]) / 2.0;
        for (var a = 0; a < addresses.Length; a++)
        {
            var peak = busiest[a].Count();
            if (peak >= 3 && peak >= 5 * baseline && peak >= minVotes && peak / baseline > 1)
            {
                found.Add((ClusterKind.Velocity, addresses[a].Key, busiest[a].Select(p => p.Vote).ToArray(), peak / baseline, addresses[a].First().Position));
            }
        }
        var rank = new[] { ClusterKind.IpAddress, ClusterKind.Velocity, ClusterKind.Network, ClusterKind.UserAgent };
        return found.OrderByDescending(f => f.Score).ThenBy(f => Array.IndexOf(rank, f.Kind)).ThenByDescending(f => f.Votes.Length).ThenBy(f => f.First)
            .Select(f => Comparable(new SuspiciousCluster(f.Kind, f.Key, f.Votes.Length, f.Votes.Min(v => v.RecordedAt), f.Votes.Max(v => v.RecordedAt),
                f.Votes.Take(5).Select(v => v.VoteId).ToArray(), f.Score)))
            .ToArray();
    }

    private static string Comparable(SuspiciousCluster c) =>
        $"{c.Kind} {c.Key} {c.Votes} {c.FirstAt:O} {c.LastAt:O} {string.Join(",", c.SampleVoteIds)} {c.Score:R}";

    /// <summary>An address of its own network for each <paramref name="i"/> below 65,536.</summary>
    private static string Distinct(int i) => $"10.{i / 256}.{i % 256}.1";

    private static SuspiciousQuery Query(TimeSpan? window, int minVotes, DateTimeOffset now) => new(window, minVotes, 20, now);

    private async Task<SuspiciousReport> FindAsync(FraudViews fraud, TimeSpan? window, int minVotes, DateTimeOffset? now = null) =>
        (await fraud.View.FindAsync(_poll.Id, Query(window, minVotes, now ?? T0.AddDays(1)), Ct))
        ?? throw new InvalidOperationException("The poll is unknown to the fraud view.");

    private static async Task ApplyInBatchesAsync(FraudViews fraud, IReadOnlyList<StoredEvent> events)
    {
        foreach (var batch in events.Chunk(2_000))
        {
            await fraud.Projection.BatchAsync(batch);
        }
    }

    private static async Task ApplyInBatchesAsync(IShadowProjection shadow, IReadOnlyList<StoredEvent> events)
    {
        foreach (var batch in events.Chunk(700))
        {
            await shadow.ApplyAsync(batch, Ct);
        }
    }

    private static void AssertSame(SuspiciousReport expected, SuspiciousReport actual)
    {
        Assert.Equal(expected with { Clusters = [] }, actual with { Clusters = [] });
        Assert.Equal(expected.Clusters.Count, actual.Clusters.Count);
        for (var i = 0; i < expected.Clusters.Count; i++)
        {
            Assert.Equal(expected.Clusters[i] with { SampleVoteIds = [] }, actual.Clusters[i] with { SampleVoteIds = [] });
            Assert.Equal(expected.Clusters[i].SampleVoteIds, actual.Clusters[i].SampleVoteIds);
        }
    }
}
