using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollRulesRegionTests
{
    [Fact]
    public void NoRegionsIsAccepted() => Assert.Empty(Drafts.Errors(Drafts.Valid() with { Regions = [] }));

    [Fact]
    public void TheMaximumNumberOfRegionsIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Regions = Drafts.Regions(PollRules.MaxRegions) }));

    [Fact]
    public void OneRegionTooManyIsRejected() =>
        Assert.Equal(["regions"], Drafts.Errors(Drafts.Valid() with { Regions = Drafts.Regions(PollRules.MaxRegions + 1) }).Keys);

    [Fact]
    public void ARegionNameOfTheMaximumLengthIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Regions = ["EU", new string('r', PollRules.MaxRegionLength)] }));

    [Fact]
    public void ARegionNameOneCharacterTooLongIsRejected() =>
        Assert.Equal(["regions"],
            Drafts.Errors(Drafts.Valid() with { Regions = ["EU", new string('r', PollRules.MaxRegionLength + 1)] }).Keys);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void ABlankRegionNameIsRejected(string? region) =>
        Assert.Equal(["regions"], Drafts.Errors(Drafts.Valid() with { Regions = ["EU", region!] }).Keys);

    [Fact]
    public void ADuplicateRegionIsRejected() =>
        Assert.Equal(["regions"], Drafts.Errors(Drafts.Valid() with { Regions = ["EU", "US", "EU"] }).Keys);

    [Fact]
    public void RegionsThatDifferOnlyInCaseAreDistinct() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Regions = ["eu", "EU"] }));
}
