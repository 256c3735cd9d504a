using Tally.Views.Fraud;

namespace Tally.Views.Tests.Fraud;

public sealed class FraudBlockTests
{
    [Fact]
    public void AGrowingBlockKeepsEveryRecordInOrderAndEarlierViewsUnchangedUntilItIsFull()
    {
        var block = new FraudBlock(7);
        var views = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < FraudBlock.Votes; i++)
        {
            Assert.False(block.IsFull);
            block.Add(Vote(i));
            views.Add(block.Records);
        }

        Assert.True(block.IsFull);
        Assert.Equal(7, block.Id);
        Assert.Equal(Vote(FraudBlock.Votes - 1).CastTicks, block.MaxTicks);
        var read = new FraudVote[FraudBlock.Votes];
        Assert.Equal(FraudBlock.Votes, FraudVote.ReadAll(block.Records.Span, read));
        Assert.Equal(Enumerable.Range(0, FraudBlock.Votes).Select(Vote), read);
        // A view taken after each vote, as the chunk writes it, still says exactly the votes so far.
        for (var i = 0; i < views.Count; i += 37)
        {
            var earlier = new FraudVote[i + 1];
            Assert.Equal(i + 1, FraudVote.ReadAll(views[i].Span, earlier));
            Assert.Equal(Enumerable.Range(0, i + 1).Select(Vote), earlier);
        }
    }

    private static FraudVote Vote(int i) =>
        new(new Guid(i, 0, 0, new byte[8]), i + 1, 1_000 + i, i % 2 == 0, (UInt128)i, (ulong)i, (ulong)(2 * i), (ulong)(3 * i));
}
