using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

public sealed class BotFarmTests
{
    private const int Ordinary = 9_000;
    private const int Bots = 1_000;
    private const string BotAddress = "203.0.113.77";

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AVoteFarmBehindOneAddressIsReportedFirstAndItsRetractionDropsTheTotalsToTheLedgersCount(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;

        // The bot shares a common browser's user agent; only its address gives it away.
        var ballots = Enumerable.Range(0, Ordinary)
            .Select(i => (Subject: $"person-{i}", Option: i % 3 + 1, Address: FraudDesk.OrdinaryAddress(i), Agent: FraudDesk.UserAgents[i % FraudDesk.UserAgents.Length]))
            .Concat(Enumerable.Range(0, Bots).Select(i => (Subject: $"bot-{i}", Option: 2, Address: BotAddress, Agent: FraudDesk.UserAgents[4])))
            .ToArray();
        new Random(10).Shuffle(ballots);
        long lastVote = 0;
        await Parallel.ForEachAsync(ballots, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = FraudDesk.Ct }, async (b, _) =>
        {
            var vote = await Expect.JsonAsync(await host.VoteFromAsync(host.Client, pollId, b.Subject, b.Option, b.Address, b.Agent, b.Option == 1 ? "north" : "south"), 201);
            var sequence = (long)vote["sequence"]!;
            long seen;
            while ((seen = Interlocked.Read(ref lastVote)) < sequence && Interlocked.CompareExchange(ref lastVote, sequence, seen) != seen)
            {
            }
        });

        var report = await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/suspicious?min_votes=100&min_sequence={lastVote}", FraudDesk.Ct), 200);
        Assert.Equal(Ordinary + Bots, (long)report["votes_considered"]!);
        Assert.Equal(0, (long)report["votes_unknown"]!);
        Assert.True((long)report["as_of_sequence"]! >= lastVote);
        var top = report["clusters"]!.AsArray()[0]!;
        Assert.Equal("ip_address", (string?)top["kind"]);
        Assert.Equal(BotAddress, (string?)top["key"]);
        Assert.Equal(Bots, (long)top["votes"]!);

        var before = await host.ResultsAsync(pollId, lastVote);
        Assert.Equal(await host.LedgerLiveAsync(pollId), before);
        Assert.Equal(Ordinary + Bots, before.Sum());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(FraudDesk.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var live = await host.Client.GetAsync($"/v1/polls/{pollId}/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await Expect.StatusAsync(live, 200);
        using var stream = new StreamReader(await live.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(Ordinary + Bots, (long)(await stream.NextResultsAsync(timeout.Token))["total_votes"]!);

        var retraction = await Expect.JsonAsync(await root.PostJsonAsync(
            $"/v1/admin/polls/{pollId}/retractions", new { ip_address = BotAddress, reason = "Vote farm: 1,000 ballots from one address" }), 200);
        Assert.Equal(Bots, (int)retraction["count"]!);
        Assert.False((bool)retraction["dry_run"]!);
        Assert.All(retraction["votes"]!.AsArray(), v => Assert.Equal(BotAddress, (string?)v!["ip_address"]));
        var lastRetraction = (long)retraction["last_sequence"]!;

        var after = await host.ResultsAsync(pollId, lastRetraction);
        Assert.Equal(await host.LedgerLiveAsync(pollId), after);
        Assert.Equal([before[0], before[1] - Bots, before[2]], after);

        JsonObject message;
        do
        {
            message = await stream.NextResultsAsync(timeout.Token);
        }
        while ((long)message["total_votes"]! != Ordinary);
        Assert.Equal(after, FraudDesk.Votes(message));

        var later = await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/suspicious?min_votes=100&min_sequence={lastRetraction}", FraudDesk.Ct), 200);
        Assert.Equal(Ordinary, (long)later["votes_considered"]!);
        Assert.DoesNotContain(later["clusters"]!.AsArray(), c => (string?)c!["key"] == BotAddress);
    }
}
