using System.Text;
using Tally.Domain.Text;

namespace Tally.Domain.Tests.Text;

public sealed class DisplayTextTests
{
    private static readonly DisplayText Line = new(MaxLength: 10);
    private static readonly DisplayText Paragraph = new(MaxLength: 10, AllowsLineBreaks: true);

    [Fact]
    public void NormalisationWorksOnThisPlatform() =>
        // If globalization ran in invariant mode, this would quietly come back decomposed.
        Assert.Equal("\u00E9", "e\u0301".Normalize(NormalizationForm.FormC));

    [Theory]
    [InlineData("Lunch?", "Lunch?")]
    [InlineData("  Lunch?\t", "Lunch?")]
    [InlineData("Cafe\u0301", "Caf\u00E9")]
    [InlineData("\u200BLunch\uFEFF", "Lunch")]
    [InlineData("\u00A0\u3000Lunch\u2060", "Lunch")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("\U0001F469\u200D\U0001F4BB", "\U0001F469\u200D\U0001F4BB")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD\u200F", "\u05E9\u05DC\u05D5\u05DD\u200F")]
    public void AcceptedTextComesBackNfcAndTrimmed(string raw, string expected) => Assert.Equal(expected, Line.Read(raw).Text);

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u009Bb")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    public void ControlCharactersAndLineBreaksAreRefusedOnOneLine(string raw) =>
        Assert.Equal(TextFault.ControlCharacter, Line.Read(raw).Fault);

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\tb")]
    [InlineData("a\u000Bb")]
    [InlineData("a\u009Bb")]
    public void ControlCharactersOtherThanLineBreaksAreRefusedInParagraphs(string raw) =>
        Assert.Equal(TextFault.ControlCharacter, Paragraph.Read(raw).Fault);

    [Theory]
    [InlineData("a\r\nb")]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\u2028b")]
    [InlineData("a\u0085b")]
    public void EveryLineBreakInAParagraphBecomesLf(string raw) => Assert.Equal("a\nb", Paragraph.Read(raw).Text);

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    public void BidirectionalFormattingIsRefusedAnywhere(char bidi)
    {
        Assert.Equal(TextFault.DirectionalFormatting, Line.Read(bidi + "evil").Fault);
        Assert.Equal(TextFault.DirectionalFormatting, Line.Read("evil" + bidi).Fault);
        Assert.Equal(TextFault.DirectionalFormatting, Paragraph.Read("ev" + bidi + "il").Fault);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData("\u00AD\u034F\u180E")]
    [InlineData("\u3164\u115F\uFFA0")]
    [InlineData("\uFE0F\uFE0F")]
    [InlineData("\u200E\u200F")]
    [InlineData("\u2800")]
    public void InvisibleTextIsRequiredText(string raw) => Assert.Equal(TextFault.Required, Line.Read(raw).Fault);

    [Fact]
    public void FiftyZeroWidthSpacesAreNoText() => Assert.Equal(TextFault.Required, Line.Read(new string('\u200B', 50)).Fault);

    [Fact]
    public void MissingTextIsRequired() => Assert.Equal(TextFault.Required, Line.Read(null).Fault);

    [Fact]
    public void UnpairedSurrogatesAreBrokenUnicode()
    {
        // Built here, not in [InlineData]: test data serialisation would replace a lone surrogate with U+FFFD.
        Assert.Equal(TextFault.BrokenUnicode, Line.Read("a\uD800b").Fault);
        Assert.Equal(TextFault.BrokenUnicode, Line.Read("a\uDC00").Fault);
        Assert.Equal(TextFault.BrokenUnicode, Paragraph.Read("\uDE00\uD83D").Fault);
    }

    [Fact]
    public void LengthCountsWhatAReaderSeesAsCharacters()
    {
        // Ten astronauts (each 5 UTF-16 units) and ten decomposed é (each 2) are ten characters each.
        var astronauts = string.Concat(Enumerable.Repeat("\U0001F469\u200D\U0001F680", 10));
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 10));

        Assert.Equal(astronauts, Line.Read(astronauts).Text);
        Assert.Equal(new string('\u00E9', 10), Line.Read(decomposed).Text);
        Assert.Equal(TextFault.TooLong, Line.Read(astronauts + "!").Fault);
        Assert.Equal(TextFault.TooLong, Line.Read(new string('x', 11)).Fault);
    }

    [Fact]
    public void MarksStackedOnOneLetterAreRefused()
    {
        var zalgo = "x" + new string('\u0301', DisplayText.MaxCharacterUnits);

        Assert.Equal(TextFault.OverlongCharacter, Line.Read(zalgo).Fault);
    }

    [Fact]
    public void TheLongestEmojiSequencesAreOneCharacterEach()
    {
        // A family with four skin tones (19 units) and the flag of England (14 units, tag characters).
        var family = "\U0001F468\U0001F3FB\u200D\U0001F469\U0001F3FB\u200D\U0001F467\U0001F3FB\u200D\U0001F466\U0001F3FB";
        var england = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F";

        Assert.Equal(family + england, Line.Read(family + england).Text);
    }

    [Theory]
    [InlineData(TextFault.Required, "A title is required")]
    [InlineData(TextFault.TooLong, "A title is at most 10 characters.")]
    [InlineData(TextFault.ControlCharacter, "A title may not contain control characters")]
    [InlineData(TextFault.DirectionalFormatting, "A title may not contain bidirectional")]
    [InlineData(TextFault.OverlongCharacter, "A title has a character")]
    [InlineData(TextFault.BrokenUnicode, "A title is not valid Unicode")]
    public void EveryFaultIsExplainedNamingItsSubject(TextFault fault, string start) =>
        Assert.StartsWith(start, Line.Explain(fault, "A title"), StringComparison.Ordinal);
}
