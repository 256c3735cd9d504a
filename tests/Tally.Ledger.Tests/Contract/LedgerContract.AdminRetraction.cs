using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    protected const string Admin = "admin-1";

    protected static readonly ClientInfo AdminClient = new("198.51.100.1", "admin-console/1.0");

    [Fact]
    public async Task AVoteEventCarriesTheCanonicalClientAddressAndUserAgentAndTheRowKeepsThem()
    {
        var poll = await CreatePollAsync();
        var vote = await VoteFromAsync(poll, "voter-1", "::ffff:10.0.0.7", "agent/1");

        var stored = Assert.IsType<VoteCast>(Assert.Single(await Ledger.Events.ReadAfterAsync(vote.Sequence - 1, 1, Ct)).Event);
        Assert.Equal(("10.0.0.7", "agent/1"), (stored.IpAddress, stored.UserAgent));
        var row = Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
        Assert.Equal(("::ffff:10.0.0.7", "agent/1"), (row.IpAddress, row.UserAgent));
    }

    [Fact]
    public async Task ABulkRetractionByAddressFlagsEachVoteAuditsItAndAppendsAnEventWithTheAdminAndReason()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        var bot1 = await VoteFromAsync(poll, "bot-1", "10.0.0.1", option: 1, region: "EU");
        var bot2 = await VoteFromAsync(poll, "bot-2", "10.0.0.1", option: 2, region: "EU");
        await VoteFromAsync(poll, "human", "10.0.0.2", option: 3, region: "EU");

        var answer = await RetractOkAsync(poll, new VoteSelection(null, "10.0.0.1", null, null, null), key: "r-1");

        Assert.False(answer.DryRun);
        Assert.False(answer.Replayed);
        Assert.Equal("vote farm", answer.Reason);
        Assert.Equal([bot1.VoteId, bot2.VoteId], answer.Votes.Select(v => v.VoteId));
        Assert.All(answer.Votes, v => Assert.Equal("10.0.0.1", v.IpAddress));
        var events = await Ledger.Events.ReadAfterAsync(bot2.Sequence + 1, 100, Ct);
        Assert.Equal(answer.Votes.Select(v => v.Sequence!.Value), events.Select(e => e.Sequence));
        Assert.Equal(
            [
                new VoteRetracted(bot1.VoteId, poll.Id, "bot-1", 1, "EU", answer.At, Admin, "vote farm"),
                new VoteRetracted(bot2.VoteId, poll.Id, "bot-2", 2, "EU", answer.At, Admin, "vote farm"),
            ],
            events.Select(e => e.Event));
        var rows = await Fixture.Probe.VotesAsync(poll.Id, Ct);
        Assert.Equal(
            [("bot-1", Admin, "vote farm"), ("bot-2", Admin, "vote farm")],
            rows.Where(r => r.IsRetracted).Select(r => (r.VoterId, r.RetractedBy, r.RetractionReason)).OrderBy(r => r.VoterId, StringComparer.Ordinal));
        Assert.All(rows.Where(r => r.IsRetracted), r => Assert.Equal(answer.At, r.RetractedAt));
        var audit = (await Fixture.ReadAuditRowsAsync(poll.Id, Ct)).Where(a => a.Action == "vote_retracted").ToList();
        Assert.Equal(
            [
                new AuditRow(Admin, "vote_retracted", bot1.VoteId, AdminClient.IpAddress, AdminClient.UserAgent),
                new AuditRow(Admin, "vote_retracted", bot2.VoteId, AdminClient.IpAddress, AdminClient.UserAgent),
            ],
            audit);
        Assert.All(await Fixture.ReadAuditRowsAsync("vote_retracted", Ct), a => Assert.Contains("vote farm", a.Detail));
        Assert.Equal(new Dictionary<int, long> { [3] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task ABulkRetractionSelectsByNetworkByIdsAndByHalfOpenTimeBounds()
    {
        var poll = await CreatePollAsync();
        var a = await VoteFromAsync(poll, "v-a", "10.1.2.3");
        var b = await VoteFromAsync(poll, "v-b", "10.1.2.200");
        var c = await VoteFromAsync(poll, "v-c", "10.1.3.1");
        var d = await VoteFromAsync(poll, "v-d", "2001:db8:1:2::5");
        var e = await VoteFromAsync(poll, "v-e", "2001:db8:1:2:ffff::1");

        Assert.Equal([a.VoteId, b.VoteId], await DryRunIdsAsync(poll, new VoteSelection(null, null, "10.1.2.0/24", null, null)));
        Assert.Equal([d.VoteId, e.VoteId], await DryRunIdsAsync(poll, new VoteSelection(null, null, "2001:db8:1:2::/64", null, null)));
        Assert.Equal([b.VoteId, c.VoteId], await DryRunIdsAsync(poll, new VoteSelection(null, null, "10.0.0.0/8", b.RecordedAt, d.RecordedAt)));
        Assert.Equal([a.VoteId], await DryRunIdsAsync(poll, new VoteSelection(null, "10.1.2.3", null, a.RecordedAt, b.RecordedAt)));
        Assert.Equal([c.VoteId, e.VoteId], await DryRunIdsAsync(poll, new VoteSelection([e.VoteId, c.VoteId, Guid.CreateVersion7()], null, null, null, null)));
        Assert.Equal([c.VoteId], await DryRunIdsAsync(poll, new VoteSelection([e.VoteId, c.VoteId], null, null, null, e.RecordedAt)));
        // Another poll's vote is not this poll's to retract.
        var other = await CreatePollAsync();
        var elsewhere = await VoteFromAsync(other, "v-a", "10.1.2.3");
        Assert.Empty(await DryRunIdsAsync(poll, new VoteSelection([elsewhere.VoteId], null, null, null, null)));
    }

    [Fact]
    public async Task ASelectionOfAnyOtherShapePicksNothingAndDoesNotFail()
    {
        var poll = await CreatePollAsync();
        await VoteFromAsync(poll, "v-a", "10.1.2.3");

        Assert.Empty(await DryRunIdsAsync(poll, new VoteSelection(null, null, null, null, null)));
        Assert.Empty(await DryRunIdsAsync(poll, new VoteSelection(null, "10.1.2.3", "10.1.2.0/24", null, null)));
        Assert.Empty(await DryRunIdsAsync(poll, new VoteSelection(null, "not an address", null, null, null)));
        Assert.Empty(await DryRunIdsAsync(poll, new VoteSelection(null, null, "10.1.2.0/99", null, null)));
        Assert.Empty(await DryRunIdsAsync(poll, new VoteSelection([], null, null, null, null)));
    }

    [Fact]
    public async Task ADryRunListsTheVotesAndWritesNothing()
    {
        var poll = await CreatePollAsync();
        var vote = await VoteFromAsync(poll, "bot-1", "10.0.0.1");
        var head = await HighWaterMarkAsync();
        var audit = (await Fixture.ReadAuditRowsAsync(poll.Id, Ct)).Count;

        var answer = await RetractOkAsync(poll, new VoteSelection(null, "10.0.0.1", null, null, null), dryRun: true, key: "dry");

        Assert.True(answer.DryRun);
        var listed = Assert.Single(answer.Votes);
        Assert.Equal((vote.VoteId, "bot-1", (long?)null), (listed.VoteId, listed.VoterId, listed.Sequence));
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.False(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "bot-1", Ct)).IsRetracted);
        Assert.Equal(audit, (await Fixture.ReadAuditRowsAsync(poll.Id, Ct)).Count);
        Assert.Equal(0, await Fixture.Probe.CountRowsAsync("admin_idempotency_keys", Ct));
        // The dry run did not take the key: the real request with it goes through.
        Assert.Single((await RetractOkAsync(poll, new VoteSelection(null, "10.0.0.1", null, null, null), key: "dry")).Votes);
    }

    [Fact]
    public async Task RepeatingARetractionWithTheSameKeyChangesNothingAndAnotherRequestWithItIsRefused()
    {
        var poll = await CreatePollAsync();
        await VoteFromAsync(poll, "bot-1", "10.0.0.1");
        var selection = new VoteSelection(null, "10.0.0.1", null, null, null);
        var first = await RetractOkAsync(poll, selection, key: "k-1");
        // A new vote from the address, which a fresh retraction would pick.
        await VoteFromAsync(poll, "bot-2", "10.0.0.1");
        var head = await HighWaterMarkAsync();

        var repeat = await RetractOkAsync(poll, selection, key: "k-1");

        Assert.True(repeat.Replayed);
        Assert.Equal(first with { Replayed = true, Votes = [] }, repeat with { Votes = [] });
        Assert.Equal(first.Votes, repeat.Votes);
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.False(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "bot-2", Ct)).IsRetracted);
        AssertRejected(ErrorCodes.IdempotencyKeyReused, await RetractAsync(poll, selection with { IpAddress = "10.0.0.9" }, key: "k-1"));
        AssertRejected(ErrorCodes.IdempotencyKeyReused,
            await Ledger.ReinstateVotes.HandleAsync(new ReinstateVotes(poll.Id, [first.Votes[0].VoteId], "oops", Admin, "k-1", AdminClient), Ct));
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task ASelectionOfMoreVotesThanOneRequestMayRetractIsRefusedWhole()
    {
        var poll = await CreatePollAsync();
        for (var i = 0; i < 3; i++)
        {
            await VoteFromAsync(poll, $"bot-{i}", "10.0.0.1");
        }
        var head = await HighWaterMarkAsync();

        var outcome = await RetractAsync(poll, new VoteSelection(null, "10.0.0.1", null, null, null), maxVotes: 2);

        AssertRejected(ErrorCodes.SelectionTooLarge, outcome);
        Assert.Contains("3", outcome.Rejection!.Message);
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Equal(3, (await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct)).Values.Sum());
        Assert.Equal(3, (await RetractOkAsync(poll, new VoteSelection(null, "10.0.0.1", null, null, null), maxVotes: 3)).Votes.Count);
    }

    [Fact]
    public async Task ARetractedVoteIsNotListedAgainWhateverRetractedIt()
    {
        var poll = await CreatePollAsync();
        var own = await VoteFromAsync(poll, "voter-own", "10.0.0.1");
        await VoteFromAsync(poll, "bot-1", "10.0.0.1");
        Assert.True((await RetractAsync(poll, "voter-own")).Succeeded);
        var selection = new VoteSelection(null, "10.0.0.1", null, null, null);
        Assert.Single((await RetractOkAsync(poll, selection)).Votes);
        var head = await HighWaterMarkAsync();

        Assert.Empty((await RetractOkAsync(poll, selection)).Votes);
        Assert.Empty((await RetractOkAsync(poll, new VoteSelection([own.VoteId], null, null, null, null))).Votes);
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task AnAdminMayRetractInAClosedPollOrOneThatForbidsChangesButNotInAnUnknownOne()
    {
        var fixedVotes = await CreatePollAsync(Draft(allowVoteChange: false));
        await VoteFromAsync(fixedVotes, "bot-1", "10.0.0.1");
        Assert.Single((await RetractOkAsync(fixedVotes, new VoteSelection(null, "10.0.0.1", null, null, null))).Votes);

        var closed = await CreatePollAsync();
        await VoteFromAsync(closed, "bot-1", "10.0.0.1");
        await CloseAsync(closed);
        Assert.Single((await RetractOkAsync(closed, new VoteSelection(null, "10.0.0.1", null, null, null))).Votes);

        AssertRejected(ErrorCodes.PollNotFound, await Ledger.RetractVotes.HandleAsync(
            Retraction(Guid.CreateVersion7(), new VoteSelection(null, "10.0.0.1", null, null, null), false, null, 100), Ct));
        AssertRejected(ErrorCodes.PollNotFound, await Ledger.Votes.RetractInBulkAsync(
            Retraction(Guid.CreateVersion7(), new VoteSelection(null, "10.0.0.1", null, null, null), false, null, 100), Ct));
    }

    protected Task<VoteReceipt> VoteFromAsync(Poll poll, string voter, string ip, string userAgent = "bot/1", int option = 1, string? region = null) =>
        VoteOkWithAsync(new CastVote(new Ballot(poll.Id, voter, option, region), null, new ClientInfo(ip, userAgent)));

    private async Task<VoteReceipt> VoteOkWithAsync(CastVote command)
    {
        var outcome = await Ledger.CastVote.HandleAsync(command, Ct);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return outcome.Value!;
    }

    protected Task<Outcome<BulkRetraction>> RetractAsync(Poll poll, VoteSelection selection, bool dryRun = false, string? key = null, int maxVotes = 10_000) =>
        Ledger.RetractVotes.HandleAsync(Retraction(poll.Id, selection, dryRun, key, maxVotes), Ct);

    protected async Task<BulkRetraction> RetractOkAsync(Poll poll, VoteSelection selection, bool dryRun = false, string? key = null, int maxVotes = 10_000)
    {
        var outcome = await RetractAsync(poll, selection, dryRun, key, maxVotes);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return outcome.Value!;
    }

    private async Task<IEnumerable<Guid>> DryRunIdsAsync(Poll poll, VoteSelection selection) =>
        (await RetractOkAsync(poll, selection, dryRun: true)).Votes.Select(v => v.VoteId);

    private static RetractVotes Retraction(Guid pollId, VoteSelection selection, bool dryRun, string? key, int maxVotes) =>
        new(pollId, selection, "vote farm", Admin, dryRun, key, AdminClient, maxVotes);
}
