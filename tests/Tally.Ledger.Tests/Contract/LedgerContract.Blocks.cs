using Tally.Domain.Blocks;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task APlacedBlockIsInForceWithAnEventAndAnAuditRowUntilItIsLifted()
    {
        var poll = await CreatePollAsync();
        var head = await HighWaterMarkAsync();

        var block = await Ledger.Blocks.PlaceAsync(new PlaceBlock(BlockTarget.Network, "10.0.0.0/24", poll.Id, null, "farm", Admin, AdminClient), Ct);

        Assert.Equal((BlockTarget.Network, "10.0.0.0/24", (Guid?)poll.Id, Admin, "farm"), (block.Target, block.Value, block.PollId, block.PlacedBy, block.Reason));
        Assert.Equal([block], await Ledger.Blocks.ReadInForceAsync(Clock.GetUtcNow(), Ct));
        var placed = Assert.Single(await Ledger.Events.ReadAfterAsync(head, 10, Ct));
        Assert.Equal(new BlockPlaced(block), placed.Event);
        Assert.Equal(poll.Id, placed.Event.PollId);
        Assert.Equal(new AuditRow(Admin, "block_placed", null, AdminClient.IpAddress, AdminClient.UserAgent),
            Assert.Single(await Fixture.ReadAuditRowsAsync(poll.Id, Ct), a => a.Action == "block_placed"));

        var lifted = await Ledger.Blocks.LiftAsync(new LiftBlock(block.BlockId, "admin-2", AdminClient), Ct);

        Assert.True(lifted.Succeeded, lifted.Rejection?.Code);
        Assert.Equal("admin-2", lifted.Value!.LiftedBy);
        Assert.NotNull(lifted.Value.LiftedAt);
        Assert.Empty(await Ledger.Blocks.ReadInForceAsync(Clock.GetUtcNow(), Ct));
        var liftedEvent = Assert.Single(await Ledger.Events.ReadAfterAsync(placed.Sequence, 10, Ct));
        Assert.Equal(new BlockLifted(block.BlockId, poll.Id, "admin-2", lifted.Value.LiftedAt!.Value), liftedEvent.Event);
        Assert.Single(await Fixture.ReadAuditRowsAsync("block_lifted", Ct));
        AssertRejected(ErrorCodes.BlockNotFound, await Ledger.Blocks.LiftAsync(new LiftBlock(block.BlockId, Admin, AdminClient), Ct));
        Assert.Equal(liftedEvent.Sequence, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task ABlockOnEveryPollIsKeptWithoutAPollAndOneThatRanOutIsNoLongerInForce()
    {
        var everywhere = await Ledger.Blocks.PlaceAsync(
            new PlaceBlock(BlockTarget.Voter, "voter-9", null, null, "spam", Admin, AdminClient), Ct);
        var brief = await Ledger.Blocks.PlaceAsync(
            new PlaceBlock(BlockTarget.IpAddress, "10.0.0.1", null, Clock.GetUtcNow().AddHours(1), "cool off", Admin, AdminClient), Ct);

        Assert.Null(everywhere.PollId);
        Assert.Equal(Guid.Empty, Assert.IsType<BlockPlaced>((await ReadAllEventsAsync())[0].Event).PollId);
        Assert.Equal([everywhere, brief], await Ledger.Blocks.ReadInForceAsync(Clock.GetUtcNow(), Ct));

        Clock.Step(TimeSpan.FromHours(2));

        Assert.Equal([everywhere], await Ledger.Blocks.ReadInForceAsync(Clock.GetUtcNow(), Ct));
        AssertRejected(ErrorCodes.BlockNotFound, await Ledger.Blocks.LiftAsync(new LiftBlock(brief.BlockId, Admin, AdminClient), Ct));
        AssertRejected(ErrorCodes.BlockNotFound, await Ledger.Blocks.LiftAsync(new LiftBlock(Guid.CreateVersion7(), Admin, AdminClient), Ct));
    }
}
