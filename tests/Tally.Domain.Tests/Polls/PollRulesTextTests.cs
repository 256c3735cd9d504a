using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollRulesTextTests
{
    [Fact]
    public void AValidDraftHasNoErrors() => Assert.Empty(Drafts.Errors(Drafts.Valid()));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ABlankTitleIsRejected(string title) =>
        Assert.Equal(["title"], Drafts.Errors(Drafts.Valid() with { Title = title }).Keys);

    [Fact]
    public void AMissingTitleIsRejected() =>
        Assert.Equal(["title"], Drafts.Errors(Drafts.Valid() with { Title = null! }).Keys);

    [Fact]
    public void ATitleOfTheMaximumLengthIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Title = new string('t', PollRules.MaxTitleLength) }));

    [Fact]
    public void ATitleOneCharacterTooLongIsRejected() =>
        Assert.Equal(["title"], Drafts.Errors(Drafts.Valid() with { Title = new string('t', PollRules.MaxTitleLength + 1) }).Keys);

    [Fact]
    public void NoDescriptionIsAccepted() => Assert.Empty(Drafts.Errors(Drafts.Valid() with { Description = null }));

    [Fact]
    public void ADescriptionOfTheMaximumLengthIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Description = new string('d', PollRules.MaxDescriptionLength) }));

    [Fact]
    public void ADescriptionOneCharacterTooLongIsRejected() =>
        Assert.Equal(["description"],
            Drafts.Errors(Drafts.Valid() with { Description = new string('d', PollRules.MaxDescriptionLength + 1) }).Keys);

    [Fact]
    public void EveryBrokenFieldIsReportedAtOnce()
    {
        var draft = Drafts.Valid() with
        {
            Title = "",
            Description = new string('d', PollRules.MaxDescriptionLength + 1),
            Options = ["only one"],
            Regions = ["EU", "EU"],
            StartTime = Drafts.Start,
            EndTime = Drafts.Start,
        };

        var errors = Drafts.Errors(draft);

        Assert.Equal(["description", "end_time", "options", "regions", "title"], errors.Keys.Order());
        Assert.All(errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
    }
}
