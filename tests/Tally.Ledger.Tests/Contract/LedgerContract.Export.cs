using Tally.Domain.Commands;
using Tally.Domain.Events;
using Tally.Ledger.Stores;
using Tally.Ledger.Users;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AnExportListsEveryVoteOfThePollInEventOrderWithItsSequenceAndRetractionState()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        var other = await CreatePollAsync();
        var first = await VoteFromAsync(poll, "voter-1", "10.0.0.1", "agent/a", option: 1, region: "EU");
        await VoteFromAsync(other, "voter-1", "10.0.0.1");
        var second = await VoteFromAsync(poll, "voter-2", "10.0.0.2", "agent/b", option: 2, region: "EU");
        var retraction = await RetractOkAsync(poll, new VoteSelection([second.VoteId], null, null, null, null));
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        var third = await VoteFromAsync(poll, "voter-1", "10.0.0.3", "agent/c", option: 3, region: "EU");

        var exported = await Ledger.Export.ReadVotesAsync(poll.Id, Ct).ToListAsync(Ct);

        Assert.Equal([first.Sequence, second.Sequence, third.Sequence], exported.Select(v => v.Sequence));
        Assert.Equal(
            new ExportedVote(second.Sequence, second.VoteId, "voter-2", 2, "EU", second.RecordedAt, "10.0.0.2", "agent/b",
                true, retraction.At, Admin, "vote farm"),
            exported[1]);
        Assert.Equal((first.VoteId, true, (string?)null), (exported[0].VoteId, exported[0].Retracted, exported[0].RetractedBy));
        Assert.Equal(new ExportedVote(third.Sequence, third.VoteId, "voter-1", 3, "EU", third.RecordedAt, "10.0.0.3", "agent/c",
            false, null, null, null), exported[2]);
        Assert.Empty(await Ledger.Export.ReadVotesAsync(Guid.CreateVersion7(), Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task AnExportReadsOneSnapshotWhileVotesKeepComing()
    {
        var poll = await CreatePollAsync();
        for (var i = 0; i < 3; i++)
        {
            await VoteFromAsync(poll, $"voter-{i}", "10.0.0.1");
        }
        var exported = new List<ExportedVote>();
        await foreach (var vote in Ledger.Export.ReadVotesAsync(poll.Id, Ct))
        {
            if (exported.Count == 0)
            {
                await VoteFromAsync(poll, "late", "10.0.0.1");
                await RetractOkAsync(poll, new VoteSelection([vote.VoteId], null, null, null, null));
            }
            exported.Add(vote);
        }

        Assert.Equal(3, exported.Count);
        Assert.All(exported, v => Assert.False(v.Retracted));
    }

    [Fact]
    public async Task RegisteringAUserAppendsUserRegisteredInTheSameWrite()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        Assert.True(await Ledger.Users.CreateAsync(new UserAccount("user-1", "alice", "hash", at), Ct));
        Assert.False(await Ledger.Users.CreateAsync(new UserAccount("user-2", "ALICE", "hash", at), Ct));

        var registered = Assert.Single(await ReadAllEventsAsync());
        Assert.Equal(new UserRegistered("user-1", at), registered.Event);
        Assert.Equal(Guid.Empty, registered.Event.PollId);
    }
}
