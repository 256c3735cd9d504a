using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Domain.Tests.Polls;

namespace Tally.Domain.Tests.Ballots;

public sealed class BallotRulesChoiceTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public void AnOptionOutsideThePollIsInvalid(int optionId)
    {
        var poll = SamplePoll.Open();

        Assert.Equal(ErrorCodes.InvalidOption, BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", optionId, null), Now)?.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TheFirstAndLastOptionsAreValid(int optionId)
    {
        var poll = SamplePoll.Open();

        Assert.Null(BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", optionId, null), Now));
    }

    [Fact]
    public void ARegionIsRequiredWhenThePollCollectsRegions()
    {
        var poll = SamplePoll.WithRegions("EU", "US");

        Assert.Equal(ErrorCodes.InvalidRegion, BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, null), Now)?.Code);
    }

    [Theory]
    [InlineData("Mars")]
    [InlineData("eu")]
    [InlineData("EU ")]
    [InlineData("")]
    public void ARegionThePollDoesNotListIsInvalid(string region)
    {
        var poll = SamplePoll.WithRegions("EU", "US");

        Assert.Equal(ErrorCodes.InvalidRegion, BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, region), Now)?.Code);
    }

    [Fact]
    public void ARegionThePollListsIsAccepted()
    {
        var poll = SamplePoll.WithRegions("EU", "US");

        Assert.Null(BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, "US"), Now));
    }

    [Fact]
    public void ARegionIsRefusedWhenThePollDoesNotCollectRegions()
    {
        var poll = SamplePoll.Open();

        Assert.Equal(ErrorCodes.InvalidRegion, BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, "EU"), Now)?.Code);
    }

    [Fact]
    public void ABadOptionIsReportedBeforeABadRegion()
    {
        var poll = SamplePoll.WithRegions("EU");

        Assert.Equal(ErrorCodes.InvalidOption, BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 9, "Mars"), Now)?.Code);
    }
}
