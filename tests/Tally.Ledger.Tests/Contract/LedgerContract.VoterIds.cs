using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Voters;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    private const string UrlIssuer = "https://idp.example";

    /// <summary>Voter ids as the first encoding stored them: issuer, colon, the subject unescaped.</summary>
    private const string OldOwner = UrlIssuer + ":team:owner";
    private const string OldVoter = UrlIssuer + ":user:42";
    private const string PlainVoter = UrlIssuer + ":plain";

    private static string? Reencode(string id) => VoterIds.Reencode(id, [UrlIssuer, "test-idp"]);

    [Fact]
    public async Task StoredVoterIdsAreReencodedOnceAndTheirVotesFollowThem()
    {
        var poll = await CreatePollAsync(owner: OldOwner);
        var first = await VoteOkAsync(poll, OldVoter, 1, key: "k-1");
        await VoteOkAsync(poll, PlainVoter, 2);

        Assert.Equal(2, await Ledger.VoterIds.ReencodeOnceAsync(Reencode, Ct));
        Assert.Equal(0, await Ledger.VoterIds.ReencodeOnceAsync(_ => "changed-again", Ct));
        await RestartAsync();

        var newVoter = VoterIds.Of(UrlIssuer, "tally", "user:42");
        var newOwner = VoterIds.Of(UrlIssuer, "tally", "team:owner");
        Assert.Equal(newOwner, (await Ledger.Polls.FindAsync(poll.Id, Ct))!.OwnerId);
        // Under the new id the voter still has their vote: a second one is refused, the key still replays the first.
        AssertRejected(ErrorCodes.AlreadyVoted, await VoteAsync(poll, newVoter, 2));
        Assert.Equal(first.VoteId, (await VoteOkAsync(poll, newVoter, 1, key: "k-1")).VoteId);
        Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, newVoter, Ct));
        Assert.Empty(await Fixture.ReadVoteRowsAsync(poll.Id, OldVoter, Ct));
        Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, PlainVoter, Ct));

        var events = (await ReadAllEventsAsync()).Select(e => e.Event).ToArray();
        Assert.Equal(newOwner, Assert.IsType<PollCreated>(events[0]).Poll.OwnerId);
        Assert.Equal([newVoter, PlainVoter], events.OfType<VoteCast>().Select(v => v.VoterId));
        Assert.Equal(
            [$"{OldOwner} -> {newOwner}", $"{OldVoter} -> {newVoter}"],
            (await Fixture.ReadAuditRowsAsync("voter_id_reencoded", Ct)).Select(r => r.Detail).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AVoterWhoseNewIdIsAnotherVotersOldIdKeepsTheirOwnVote()
    {
        var poll = await CreatePollAsync();
        // "a:b" becomes "a%3Ab", which is the old id of the voter whose subject really is "a%3Ab" (it becomes "a%253Ab").
        var colon = await VoteOkAsync(poll, UrlIssuer + ":a:b", 1, key: "k");
        var percent = await VoteOkAsync(poll, UrlIssuer + ":a%3Ab", 2, key: "k");

        Assert.Equal(2, await Ledger.VoterIds.ReencodeOnceAsync(Reencode, Ct));
        await RestartAsync();

        Assert.Equal(colon.VoteId, (await VoteOkAsync(poll, VoterIds.Of(UrlIssuer, "tally", "a:b"), 1, key: "k")).VoteId);
        Assert.Equal(percent.VoteId, (await VoteOkAsync(poll, VoterIds.Of(UrlIssuer, "tally", "a%3Ab"), 2, key: "k")).VoteId);
        Assert.Equal(1, Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, UrlIssuer + ":a%3Ab", Ct)).OptionId);
        Assert.Equal(2, Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, UrlIssuer + ":a%253Ab", Ct)).OptionId);
    }

    [Fact]
    public async Task AFreshLedgerIsMarkedReencodedWithNothingToRename()
    {
        Assert.Equal(0, await Ledger.VoterIds.ReencodeOnceAsync(Reencode, Ct));

        var poll = await CreatePollAsync(owner: OldOwner);
        Assert.Equal(0, await Ledger.VoterIds.ReencodeOnceAsync(Reencode, Ct));
        Assert.Equal(OldOwner, (await Ledger.Polls.FindAsync(poll.Id, Ct))!.OwnerId);
    }
}
