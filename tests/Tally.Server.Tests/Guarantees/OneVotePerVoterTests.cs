using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

public sealed class OneVotePerVoterTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task TwoHundredConcurrentAttemptsByOneVoterRecordExactlyOneVote(Stack stack)
    {
        // This test hammers on purpose: the voter's bucket must not be what refuses the extra attempts.
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Votes:PerVoter:TokenLimit=1000");
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("eager");

        // Different options and keys, so neither idempotency nor identical bodies can hide a second insert.
        var attempts = Enumerable.Range(0, 200).Select(i => voter.VoteAsync(id, 1 + i % 3, key: i % 2 == 0 ? $"key-{i}" : null));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => (int)r.StatusCode == 201));
        foreach (var refused in responses.Where(r => (int)r.StatusCode != 201))
        {
            await Expect.ProblemAsync(refused, 409, "ALREADY_VOTED");
        }
        Assert.Single(await host.Ledger.VotesAsync(Guid.Parse(id)));
        Assert.Single(await host.Ledger.EventsAsync(), e => e.Type == "VoteCast");
    }
}
