using System.Net.Http.Json;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class VoteEndpointTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task AVoteIsAcknowledgedWithItsReceiptOnlyOnceCommitted(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;

        var receipt = await Expect.JsonAsync(await host.Voter("v1").VoteAsync(id, 2, "south", key: "key-1"), 201);
        Assert.Equal(id, (string?)receipt["poll_id"]);
        Assert.Equal(2, (int)receipt["option_id"]!);
        Assert.Equal("south", (string?)receipt["region"]);
        Assert.True((long)receipt["sequence"]! > 0);
        Assert.True(DateTimeOffset.TryParse((string?)receipt["recorded_at"], out _));

        // The 201 came back, so the row and its event are already in the ledger.
        var row = Assert.Single(await host.Ledger.VotesAsync(Guid.Parse(id)));
        Assert.Equal(Guid.Parse((string)receipt["vote_id"]!), row.VoteId);
        Assert.Single(await host.Ledger.EventsAsync(), e => e.Sequence == (long)receipt["sequence"]! && e.Type == "VoteCast");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ASecondVoteByTheSameVoterIsRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1), 201);
        await Expect.ProblemAsync(await voter.VoteAsync(id, 2), 409, "ALREADY_VOTED");
        Assert.Equal(1, await host.Ledger.CountRowsAsync("vote_records"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ARetryWithTheSameKeyGetsTheFirstAnswerAndAddsNothing(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        var first = await (await voter.VoteAsync(id, 1, key: "retry-me")).Content.ReadAsStringAsync();
        var events = await host.Ledger.CountRowsAsync("events");

        var again = await voter.VoteAsync(id, 1, key: "retry-me");
        await Expect.StatusAsync(again, 201);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Equal(events, await host.Ledger.CountRowsAsync("events"));
        Assert.Equal(1, await host.Ledger.CountRowsAsync("vote_records"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheSameKeyWithADifferentBodyIsRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1, key: "k"), 201);
        await Expect.ProblemAsync(await voter.VoteAsync(id, 2, key: "k"), 422, "IDEMPOTENCY_KEY_REUSED");
        await Expect.ProblemAsync(await voter.VoteAsync(id, 1, "south", key: "k"), 422, "IDEMPOTENCY_KEY_REUSED");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ARetryAfterThePollClosedStillGetsItsFirstAnswer(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var id = (string)(await host.CreatePollAsync(owner))["id"]!;
        var voter = host.Voter("v1");
        var first = await (await voter.VoteAsync(id, 1, key: "late-retry")).Content.ReadAsStringAsync();
        await Expect.StatusAsync(await owner.PostAsync($"/v1/polls/{id}/close", null), 200);

        var retry = await voter.VoteAsync(id, 1, key: "late-retry");
        await Expect.StatusAsync(retry, 201);
        Assert.Equal(first, await retry.Content.ReadAsStringAsync());
        await Expect.ProblemAsync(await voter.VoteAsync(id, 1, key: "new-key"), 409, "POLL_NOT_ACTIVE");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task VotesOutsideTheVotingWindowAreRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var future = (string)(await host.CreatePollAsync(owner, new
        {
            title = "Later",
            options = new[] { new { text = "A" }, new { text = "B" } },
            start_time = DateTimeOffset.UtcNow.AddDays(1),
        }))["id"]!;
        var closed = (string)(await host.CreatePollAsync(owner))["id"]!;
        await Expect.StatusAsync(await owner.PostAsync($"/v1/polls/{closed}/close", null), 200);

        await Expect.ProblemAsync(await host.Voter("v1").VoteAsync(future, 1, region: null), 409, "POLL_NOT_ACTIVE");
        await Expect.ProblemAsync(await host.Voter("v1").VoteAsync(closed, 1), 409, "POLL_NOT_ACTIVE");
        Assert.Equal(0, await host.Ledger.CountRowsAsync("vote_records"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task UnknownOptionsRegionsAndPollsAreRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        await Expect.ProblemAsync(await voter.VoteAsync(id, 9), 422, "INVALID_OPTION");
        await Expect.ProblemAsync(await voter.VoteAsync(id, 1, "atlantis"), 422, "INVALID_REGION");
        await Expect.ProblemAsync(await voter.VoteAsync(id, 1, region: null), 422, "INVALID_REGION");
        await Expect.ProblemAsync(await voter.VoteAsync(Guid.NewGuid().ToString(), 1), 404, "POLL_NOT_FOUND");
        Assert.Equal(0, await host.Ledger.CountRowsAsync("vote_records"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheClientAddressAndAgentAreKeptWithTheVote(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        voter.DefaultRequestHeaders.UserAgent.ParseAdd("TallyTest/1.0");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1), 201);

        var row = Assert.Single(await host.Ledger.VotesAsync());
        Assert.Equal("127.0.0.1", row.IpAddress);
        Assert.Equal("TallyTest/1.0", row.UserAgent);
        Assert.Equal(TallyTestHost.VoterIdOf("v1"), row.VoterId);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ARetractedVoteIsFlaggedAuditedAndTheVoterMayVoteAgain(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1), 201);

        var retraction = await Expect.JsonAsync(await voter.DeleteAsync($"/v1/polls/{id}/votes/me"), 200);
        var mine = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/votes/me?min_sequence={retraction["sequence"]}"), 200);
        Assert.False((bool)mine["has_voted"]!);
        await Expect.ProblemAsync(await voter.DeleteAsync($"/v1/polls/{id}/votes/me"), 404, "VOTE_NOT_FOUND");

        var again = await Expect.JsonAsync(await voter.VoteAsync(id, 3), 201);
        mine = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/votes/me?min_sequence={again["sequence"]}"), 200);
        Assert.True((bool)mine["has_voted"]!);
        Assert.Equal(3, (int)mine["option_id"]!);

        // Nothing deleted: both rows remain, the first flagged, with an audit row for the retraction.
        var votes = await host.Ledger.VotesAsync();
        Assert.Equal(2, votes.Count);
        Assert.Single(votes, v => v.IsRetracted && v.OptionId == 1);
        Assert.Single(await host.Ledger.AuditAsync(), a => a.Action == "vote_retracted");
        var results = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/results?min_sequence={again["sequence"]}"), 200);
        Assert.Equal(1, (long)results["total_votes"]!);
        Assert.Equal(1, (long)results["options"]![2]!["votes"]!);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task RetractingIsRefusedWherePollsDoNotAllowChanges(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner"), new
        {
            title = "Final answers",
            options = new[] { new { text = "A" }, new { text = "B" } },
            settings = new { results_visibility = "live", allow_vote_change = false },
        }))["id"]!;
        var voter = host.Voter("v1");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1, region: null), 201);
        await Expect.ProblemAsync(await voter.DeleteAsync($"/v1/polls/{id}/votes/me"), 409, "VOTE_CHANGE_NOT_ALLOWED");
        Assert.DoesNotContain(await host.Ledger.VotesAsync(), v => v.IsRetracted);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task VoterStatusShowsTheVoteOnlyToItsVoter(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("v1");
        var before = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/votes/me"), 200);
        Assert.False((bool)before["has_voted"]!);

        var receipt = await Expect.JsonAsync(await voter.VoteAsync(id, 2), 201);
        var after = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/votes/me?min_sequence={receipt["sequence"]}"), 200);
        Assert.True((bool)after["has_voted"]!);
        Assert.Equal(2, (int)after["option_id"]!);
        Assert.Equal((string?)receipt["vote_id"], (string?)after["vote_id"]);
        Assert.NotNull(after["voted_at"]);

        var other = await Expect.JsonAsync(await host.Voter("v2").GetAsync($"/v1/polls/{id}/votes/me?min_sequence={receipt["sequence"]}"), 200);
        Assert.False((bool)other["has_voted"]!);
    }
}
