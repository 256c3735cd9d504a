using Tally.Domain.Blocks;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.EventLog;

public sealed class VoterIdRewriteTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Guid PollId = Guid.CreateVersion7();

    private static readonly Guid VoteId = Guid.CreateVersion7();

    private static readonly Dictionary<string, string> Renames = new() { ["old-voter"] = "new-voter", ["old-admin"] = "new-admin" };

    [Fact]
    public void TheNewEventsHaveEveryVoterIdTheyHoldRenamed()
    {
        Assert.Equal(new VoteRetracted(VoteId, PollId, "new-voter", 1, null, At, "new-admin", "farm"),
            VoterIdRewrite.Apply(new VoteRetracted(VoteId, PollId, "old-voter", 1, null, At, "old-admin", "farm"), Renames));
        Assert.Equal(new VoteRetracted(VoteId, PollId, "other", 1, null, At, "new-admin", "farm"),
            VoterIdRewrite.Apply(new VoteRetracted(VoteId, PollId, "other", 1, null, At, "old-admin", "farm"), Renames));
        Assert.Equal(new VoteReinstated(VoteId, PollId, "new-voter", 1, null, At, "new-admin", At),
            VoterIdRewrite.Apply(new VoteReinstated(VoteId, PollId, "old-voter", 1, null, At, "old-admin", At), Renames));
        Assert.Equal(new UserRegistered("new-voter", At), VoterIdRewrite.Apply(new UserRegistered("old-voter", At), Renames));
        Assert.Equal(new BlockLifted(VoteId, PollId, "new-admin", At), VoterIdRewrite.Apply(new BlockLifted(VoteId, PollId, "old-admin", At), Renames));
        var voterBlock = new Block(VoteId, BlockTarget.Voter, "old-voter", null, At, null, "old-admin", "spam");
        Assert.Equal(new BlockPlaced(voterBlock with { Value = "new-voter", PlacedBy = "new-admin" }),
            VoterIdRewrite.Apply(new BlockPlaced(voterBlock), Renames));
        // An address that happens to spell a renamed id is not a voter id.
        var addressBlock = voterBlock with { Target = BlockTarget.IpAddress, PlacedBy = "other" };
        Assert.Null(VoterIdRewrite.Apply(new BlockPlaced(addressBlock), Renames));
        Assert.Null(VoterIdRewrite.Apply(new VoteRetracted(VoteId, PollId, "other", 1, null, At), Renames));
    }
}
