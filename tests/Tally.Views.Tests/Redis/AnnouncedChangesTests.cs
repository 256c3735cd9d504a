using Tally.Views.Redis;

namespace Tally.Views.Tests.Redis;

/// <summary>When a near cache may serve a value it read: never when a change of its poll above what it read may have been missed.</summary>
public sealed class AnnouncedChangesTests
{
    private static readonly Guid Node = Guid.NewGuid();
    private static readonly Guid Poll = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    [Fact]
    public void NothingIsServedBeforeTheNodesOwnMarkCameBack()
    {
        var changes = new AnnouncedChanges();
        changes.Announced(new ChangeAnnouncement(Node, [Other], 5));

        Assert.False(changes.Covers(Poll, changes.Ticket(5), 5));
        Assert.Equal(-1, changes.Heard);
    }

    [Fact]
    public void AValueIsServedWhileNoChunkAboveItNamedItsPollAndTheNodeHeardUpToItsCheckpoint()
    {
        var changes = Trusting(10);
        var ticket = changes.Ticket(10);
        Assert.True(changes.Covers(Poll, ticket, 10));

        // The node's checkpoint moved past what it heard: a change of the poll may still be on its way.
        Assert.False(changes.Covers(Poll, ticket, 12));
        changes.Announced(new ChangeAnnouncement(Node, [Other], 12));
        Assert.True(changes.Covers(Poll, ticket, 12));

        changes.Announced(new ChangeAnnouncement(Node, [Poll, Other], 15));
        Assert.False(changes.Covers(Poll, ticket, 12));
        Assert.False(changes.Covers(Poll, changes.Ticket(14), 15));
        Assert.True(changes.Covers(Poll, changes.Ticket(15), 15));
    }

    [Fact]
    public void AValueReadBelowTheMarkIsNotServed()
    {
        var changes = Trusting(10);

        Assert.False(changes.Covers(Poll, changes.Ticket(9), 10));
    }

    [Fact]
    public void AValueReadBeforeAResetOrAChangeWithoutACheckpointIsNeverServedAgain()
    {
        var changes = Trusting(10);
        var ticket = changes.Ticket(10);
        changes.Announced(new ChangeAnnouncement(Node, [Other]));
        Assert.False(changes.Covers(Poll, ticket, 10));

        ticket = changes.Ticket(10);
        changes.ChangedHere();
        Assert.False(changes.Covers(Poll, ticket, 10));

        ticket = changes.Ticket(10);
        var token = changes.Token;
        changes.Reset();
        Assert.False(changes.Covers(Poll, ticket, 10));
        changes.Trust(token, 10);
        Assert.Equal(-1, changes.Heard);
    }

    [Fact]
    public void AnnouncementsRoundTripWithAndWithoutACheckpoint()
    {
        var polls = new[] { Poll, Other };

        Assert.Equal(new ChangeAnnouncement(Node, polls, 42).ToString(), ChangeAnnouncement.Parse(new ChangeAnnouncement(Node, polls, 42).ToString())!.ToString());
        Assert.Equal(42, ChangeAnnouncement.Parse(new ChangeAnnouncement(Node, [], 42).ToString())!.Through);
        Assert.Null(ChangeAnnouncement.Parse(new ChangeAnnouncement(Node, polls).ToString())!.Through);
        Assert.Equal(polls, ChangeAnnouncement.Parse(new ChangeAnnouncement(Node, polls).ToString())!.PollIds);
        Assert.Null(ChangeAnnouncement.Parse($"mark:{Node:N}:1:5"));
    }

    private static AnnouncedChanges Trusting(long checkpoint)
    {
        var changes = new AnnouncedChanges();
        changes.Trust(changes.Token, checkpoint);
        return changes;
    }
}
