using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollRulesOptionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PollRules.MaxOptions + 1)]
    public void AnOptionCountOutsideTwoToSixtyFourIsRejected(int count) =>
        Assert.Equal(["options"], Drafts.Errors(Drafts.Valid() with { Options = Drafts.Options(count) }).Keys);

    [Theory]
    [InlineData(PollRules.MinOptions)]
    [InlineData(3)]
    [InlineData(PollRules.MaxOptions)]
    public void AnOptionCountFromTwoToSixtyFourIsAccepted(int count) =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Options = Drafts.Options(count) }));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void ABlankOptionTextIsRejected(string? text) =>
        Assert.Equal(["options"], Drafts.Errors(Drafts.Valid() with { Options = ["Fine", text!] }).Keys);

    [Fact]
    public void AnOptionTextOfTheMaximumLengthIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Options = ["Fine", new string('o', PollRules.MaxOptionTextLength)] }));

    [Fact]
    public void AnOptionTextOneCharacterTooLongIsRejected() =>
        Assert.Equal(["options"],
            Drafts.Errors(Drafts.Valid() with { Options = ["Fine", new string('o', PollRules.MaxOptionTextLength + 1)] }).Keys);

    [Fact]
    public void ADuplicateOptionIsRejected() =>
        Assert.Equal(["options"], Drafts.Errors(Drafts.Valid() with { Options = ["Yes", "No", "Yes"] }).Keys);

    [Fact]
    public void OptionsThatDifferOnlyInSurroundingSpaceAreDuplicates() =>
        Assert.Equal(["options"], Drafts.Errors(Drafts.Valid() with { Options = ["Yes", " Yes "] }).Keys);

    [Fact]
    public void OptionsThatDifferOnlyInCaseAreDistinct() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { Options = ["yes", "YES"] }));
}
