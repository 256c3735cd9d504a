using System.Globalization;
using System.Text;
using CsCheck;
using Tally.Domain.Text;

namespace Tally.Domain.Tests.Text;

public sealed class DisplayTextPropertyTests
{
    private static readonly DisplayText[] Rules = [new(MaxLength: 6), new(MaxLength: 6, AllowsLineBreaks: true), new(MaxLength: 200)];

    private static readonly Gen<DisplayText> Rule = Gen.OneOf(Rules);

    [Fact]
    public void AcceptedTextIsNfcTrimmedCleanShortAndReadsBackAsItself() =>
        Gen.Select(Rule, TextSamples.Any).Sample((rule, raw) =>
        {
            if (rule.Read(raw).Text is not { } text)
            {
                return true;
            }
            return text.IsNormalized(NormalizationForm.FormC)
                && text == text.Trim().Trim('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF')
                && text.EnumerateRunes().All(r => IsAllowedInside(rule, r))
                && new StringInfo(text).LengthInTextElements <= rule.MaxLength
                && rule.Read(text).Text == text;
        }, iter: 50_000);

    [Fact]
    public void AControlOrBidiCharacterBetweenLettersIsAlwaysRefused() =>
        Gen.Select(Rule, TextSamples.Any, TextSamples.Letter, TextSamples.NeverInside, TextSamples.Letter, TextSamples.Any)
            .Sample((rule, before, left, bad, right, after) => rule.Read(before + left + bad + right + after).Text is null, iter: 50_000);

    [Fact]
    public void HowTheTextIsComposedMakesNoDifference() =>
        Gen.Select(Rule, TextSamples.WellFormed).Sample((rule, raw) =>
            rule.Read(raw.Normalize(NormalizationForm.FormD)) == rule.Read(raw)
            && rule.Read(raw.Normalize(NormalizationForm.FormC)) == rule.Read(raw), iter: 50_000);

    private static bool IsAllowedInside(DisplayText rule, Rune rune) =>
        rule.AllowsLineBreaks && rune.Value == '\n'
        || !Rune.IsControl(rune)
            && rune.Value is not ((>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x2028 or 0x2029);
}
