using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

public sealed class ExactTallyTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task ThousandsOfDistinctVotersOverHttpAreTalliedExactlyAsTheLedgerCountsThem(Stack stack)
    {
        const int voters = 3000;
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var clients = Enumerable.Range(0, 16).Select(_ => host.NewClient()).ToArray();
        long highest = 0;
        var acknowledged = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, voters), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{id}/votes")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { option_id = 1 + i * 7 % 3, region = i % 5 == 0 ? "south" : "north" }),
            };
            request.Headers.Authorization = new("Bearer", host.MintToken($"voter-{i}"));
            var receipt = await Expect.JsonAsync(await clients[i % clients.Length].SendAsync(request), 201);
            Interlocked.Increment(ref acknowledged);
            var sequence = (long)receipt["sequence"]!;
            long seen;
            while (sequence > (seen = Interlocked.Read(ref highest)) && Interlocked.CompareExchange(ref highest, sequence, seen) != seen)
            {
            }
        });

        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={highest}"), 200);
        Assert.True((bool)results["min_sequence_met"]!);
        var ledger = await host.Ledger.LiveVotesByOptionAsync(Guid.Parse(id));
        Assert.Equal(voters, acknowledged);
        Assert.Equal(voters, ledger.Values.Sum());
        Assert.Equal(voters, (long)results["total_votes"]!);
        foreach (var option in results["options"]!.AsArray())
        {
            Assert.Equal(ledger.GetValueOrDefault((int)option!["option_id"]!), (long)option["votes"]!);
        }
    }
}
