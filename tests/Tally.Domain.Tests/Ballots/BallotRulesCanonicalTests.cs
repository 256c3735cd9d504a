using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Domain.Tests.Polls;

namespace Tally.Domain.Tests.Ballots;

/// <summary>A ballot's region is read by the poll's own region rule before it is matched.</summary>
public sealed class BallotRulesCanonicalTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Zu\u0308rich")]
    [InlineData(" Z\u00FCrich ")]
    [InlineData("\u200BZ\u00FCrich")]
    public void ARegionSpelledDifferentlyButTheSameMatches(string sent)
    {
        var poll = SamplePoll.WithRegions("Z\u00FCrich", "Bern");

        var ballot = BallotRules.Canonical(poll, new Ballot(poll.Id, "voter-1", 1, sent));

        Assert.Equal("Z\u00FCrich", ballot.Region);
        Assert.Null(BallotRules.Check(poll, ballot, Now));
    }

    [Fact]
    public void AnExactMatchIsKeptAsItIs()
    {
        // A poll created under older rules may hold a region today's rule would trim; a vote naming it exactly still counts.
        var poll = SamplePoll.WithRegions(" north", "south");

        var ballot = BallotRules.Canonical(poll, new Ballot(poll.Id, "voter-1", 1, " north"));

        Assert.Equal(" north", ballot.Region);
        Assert.Null(BallotRules.Check(poll, ballot, Now));
    }

    [Theory]
    [InlineData("Bern\u202E")]
    [InlineData("Be\u0000rn")]
    [InlineData("\u200B")]
    public void ARegionTheRuleRefusesIsNotARegionOfThePoll(string sent)
    {
        var poll = SamplePoll.WithRegions("Z\u00FCrich", "Bern");

        var ballot = BallotRules.Canonical(poll, new Ballot(poll.Id, "voter-1", 1, sent));

        Assert.Equal(sent, ballot.Region);
        Assert.Equal(ErrorCodes.InvalidRegion, BallotRules.Check(poll, ballot, Now)?.Code);
    }

    [Fact]
    public void NoRegionStaysNoRegion()
    {
        var poll = SamplePoll.WithRegions("Bern");

        Assert.Null(BallotRules.Canonical(poll, new Ballot(poll.Id, "voter-1", 1, null)).Region);
    }
}
