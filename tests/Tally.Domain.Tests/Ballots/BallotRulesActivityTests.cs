using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Domain.Tests.Polls;

namespace Tally.Domain.Tests.Ballots;

public sealed class BallotRulesActivityTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AValidBallotInAnOpenPollIsAccepted()
    {
        var poll = SamplePoll.Open();

        Assert.Null(BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 2, null), Now));
    }

    [Fact]
    public void ABallotBeforeThePollStartsIsNotActive()
    {
        var poll = SamplePoll.Open() with { StartTime = Now.AddMinutes(1) };

        var rejection = BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, null), Now);

        Assert.Equal(ErrorCodes.PollNotActive, rejection?.Code);
        Assert.Contains("not opened", rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABallotAfterThePollEndedIsNotActive()
    {
        var poll = SamplePoll.Open() with { EndTime = Now };

        var rejection = BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, null), Now);

        Assert.Equal(ErrorCodes.PollNotActive, rejection?.Code);
        Assert.Contains("closed", rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABallotAfterTheOwnerClosedThePollIsNotActive()
    {
        var poll = SamplePoll.Open() with { ClosedAt = Now.AddSeconds(-1) };

        var rejection = BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, null), Now);

        Assert.Equal(ErrorCodes.PollNotActive, rejection?.Code);
        Assert.Contains("closed", rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClosedPollIsReportedBeforeABadOptionOrRegion()
    {
        var poll = SamplePoll.WithRegions("EU") with { ClosedAt = Now };

        Assert.Equal(ErrorCodes.PollNotActive, BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 99, "Mars"), Now)?.Code);
    }

    [Fact]
    public void ABallotJustBeforeTheEndIsAccepted()
    {
        var poll = SamplePoll.Open() with { StartTime = Now.AddHours(-1), EndTime = Now.AddTicks(1) };

        Assert.Null(BallotRules.Check(poll, new Ballot(poll.Id, "voter-1", 1, null), Now));
    }
}
