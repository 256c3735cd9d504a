using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

/// <summary>Every text of a poll goes through the same display-text rule, and the error names the field.</summary>
public sealed class PollRulesDisplayTextTests
{
    public static TheoryData<string> Hostile => ["\u202Eevil", "a\u0000b", new string('\u200B', 50), "x\u2066y", "a\u0085b"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AHostileTitleIsRejected(string text) => Assert.Equal(["title"], Drafts.Errors(Drafts.Valid() with { Title = text }).Keys);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AHostileOptionIsRejected(string text) =>
        Assert.Equal(["options"], Drafts.Errors(Drafts.Valid() with { Options = ["Fine", text] }).Keys);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AHostileRegionIsRejected(string text) =>
        Assert.Equal(["regions"], Drafts.Errors(Drafts.Valid() with { Regions = ["EU", text] }).Keys);

    [Theory]
    [InlineData("\u202Eevil")]
    [InlineData("a\u0000b")]
    [InlineData("a\tb")]
    public void AHostileDescriptionIsRejected(string text) =>
        Assert.Equal(["description"], Drafts.Errors(Drafts.Valid() with { Description = text }).Keys);

    [Fact]
    public void TheErrorSaysWhichOptionIsWrong() =>
        Assert.StartsWith("Option 3 ", Assert.Single(Drafts.Errors(Drafts.Valid() with { Options = ["A", "B", "C\u202E"] })["options"]));

    [Fact]
    public void EveryTextComesBackNfcAndTrimmed()
    {
        var draft = Drafts.Accepted(Drafts.Valid() with
        {
            Title = "  Cafe\u0301?\u200B",
            Description = "Line one\r\nLine two  ",
            Options = [" Cre\u0300me ", "Tea"],
            Regions = ["Zu\u0308rich ", "Bern"],
        });

        Assert.Equal("Caf\u00E9?", draft.Title);
        Assert.Equal("Line one\nLine two", draft.Description);
        Assert.Equal(["Cr\u00E8me", "Tea"], draft.Options);
        Assert.Equal(["Z\u00FCrich", "Bern"], draft.Regions);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    [InlineData("\u200B\u200B")]
    public void ABlankDescriptionIsNoDescription(string description) =>
        Assert.Null(Drafts.Accepted(Drafts.Valid() with { Description = description }).Description);

    [Fact]
    public void OptionsThatDifferOnlyInCompositionAreDuplicates() =>
        Assert.Equal(["options"], Drafts.Errors(Drafts.Valid() with { Options = ["Caf\u00E9", "Cafe\u0301"] }).Keys);

    [Fact]
    public void RegionsThatDifferOnlyInCompositionAreDuplicates() =>
        Assert.Equal(["regions"], Drafts.Errors(Drafts.Valid() with { Regions = ["Z\u00FCrich", "Zu\u0308rich"] }).Keys);

    [Fact]
    public void ATitleIsCountedInCharactersNotUtf16Units()
    {
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", PollRules.MaxTitleLength));
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", PollRules.MaxTitleLength));

        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Title = decomposed }));
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Title = emoji }));
        Assert.Equal(["title"], Drafts.Errors(Drafts.Valid() with { Title = emoji + "!" }).Keys);
    }
}
