using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class ResultsAccessTests
{
    public static TheoryData<ResultsVisibility, PollStatus, bool> EveryVisibilityStatusAndVote()
    {
        var data = new TheoryData<ResultsVisibility, PollStatus, bool>();
        foreach (var visibility in Enum.GetValues<ResultsVisibility>())
        {
            foreach (var status in Enum.GetValues<PollStatus>())
            {
                data.Add(visibility, status, false);
                data.Add(visibility, status, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVisibilityStatusAndVote))]
    public void TheOwnerAlwaysSeesResults(ResultsVisibility visibility, PollStatus status, bool hasVoted) =>
        Assert.True(ResultsAccess.CanSee(visibility, status, isOwner: true, hasVoted));

    // Every combination for someone who is not the owner, written out so the table is the specification.
    [Theory]
    [InlineData(ResultsVisibility.Live, PollStatus.Scheduled, false, true)]
    [InlineData(ResultsVisibility.Live, PollStatus.Scheduled, true, true)]
    [InlineData(ResultsVisibility.Live, PollStatus.Open, false, true)]
    [InlineData(ResultsVisibility.Live, PollStatus.Open, true, true)]
    [InlineData(ResultsVisibility.Live, PollStatus.Closed, false, true)]
    [InlineData(ResultsVisibility.Live, PollStatus.Closed, true, true)]
    [InlineData(ResultsVisibility.AfterVote, PollStatus.Scheduled, false, false)]
    [InlineData(ResultsVisibility.AfterVote, PollStatus.Scheduled, true, true)]
    [InlineData(ResultsVisibility.AfterVote, PollStatus.Open, false, false)]
    [InlineData(ResultsVisibility.AfterVote, PollStatus.Open, true, true)]
    [InlineData(ResultsVisibility.AfterVote, PollStatus.Closed, false, true)]
    [InlineData(ResultsVisibility.AfterVote, PollStatus.Closed, true, true)]
    [InlineData(ResultsVisibility.AfterClose, PollStatus.Scheduled, false, false)]
    [InlineData(ResultsVisibility.AfterClose, PollStatus.Scheduled, true, false)]
    [InlineData(ResultsVisibility.AfterClose, PollStatus.Open, false, false)]
    [InlineData(ResultsVisibility.AfterClose, PollStatus.Open, true, false)]
    [InlineData(ResultsVisibility.AfterClose, PollStatus.Closed, false, true)]
    [InlineData(ResultsVisibility.AfterClose, PollStatus.Closed, true, true)]
    [InlineData(ResultsVisibility.Never, PollStatus.Scheduled, false, false)]
    [InlineData(ResultsVisibility.Never, PollStatus.Scheduled, true, false)]
    [InlineData(ResultsVisibility.Never, PollStatus.Open, false, false)]
    [InlineData(ResultsVisibility.Never, PollStatus.Open, true, false)]
    [InlineData(ResultsVisibility.Never, PollStatus.Closed, false, false)]
    [InlineData(ResultsVisibility.Never, PollStatus.Closed, true, false)]
    public void AnyoneElseSeesResultsOnlyWhenTheVisibilityAllows(ResultsVisibility visibility, PollStatus status, bool hasVoted, bool expected) =>
        Assert.Equal(expected, ResultsAccess.CanSee(visibility, status, isOwner: false, hasVoted));

    [Fact]
    public void AnUnknownVisibilityHidesResultsFromAnyoneButTheOwner()
    {
        const ResultsVisibility unknown = (ResultsVisibility)99;

        Assert.False(ResultsAccess.CanSee(unknown, PollStatus.Closed, isOwner: false, hasVoted: true));
        Assert.True(ResultsAccess.CanSee(unknown, PollStatus.Closed, isOwner: true, hasVoted: false));
    }

    [Theory]
    [InlineData(ResultsVisibility.AfterVote)]
    [InlineData(ResultsVisibility.AfterClose)]
    [InlineData(ResultsVisibility.Never)]
    public void EveryHidingVisibilityHasItsOwnExplanation(ResultsVisibility visibility)
    {
        var others = new[] { ResultsVisibility.AfterVote, ResultsVisibility.AfterClose, ResultsVisibility.Never }
            .Where(v => v != visibility)
            .Select(ResultsAccess.Explain);

        Assert.DoesNotContain(ResultsAccess.Explain(visibility), others);
    }
}
