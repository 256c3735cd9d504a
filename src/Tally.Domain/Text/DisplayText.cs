using System.Globalization;
using System.Text;

namespace Tally.Domain.Text;

/// <summary>
/// The one judge of text that people read — poll titles, descriptions, option texts, region names. Accepted text is NFC,
/// trimmed, free of control characters and bidirectional formatting, has something visible, and is at most
/// <see cref="MaxLength"/> characters as a reader counts them (grapheme clusters, not UTF-16 units).
/// </summary>
/// <param name="AllowsLineBreaks">Whether line breaks may stay (as LF); every other control character is refused either way.</param>
public sealed record DisplayText(int MaxLength, bool AllowsLineBreaks = false)
{
    /// <summary>
    /// Most UTF-16 units in one grapheme cluster. The longest emoji sequences take about 20; more is marks stacked on a
    /// letter, which would let a "one character" title fill the whole request.
    /// </summary>
    public const int MaxCharacterUnits = 32;

    public TextVerdict Read(string? raw)
    {
        if (raw is null)
        {
            return TextFault.Required;
        }
        var normalised = Normalisation.Apply(AllowsLineBreaks ? raw.ReplaceLineEndings("\n") : raw, NormalizationForm.FormC);
        if (normalised is null)
        {
            return TextFault.BrokenUnicode;
        }
        var text = Trim(normalised);
        var visible = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsControl(rune) && !(AllowsLineBreaks && rune.Value == '\n'))
            {
                return TextFault.ControlCharacter;
            }
            if (rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
            {
                return TextFault.DirectionalFormatting;
            }
            visible |= !IsInvisible(rune);
        }
        if (!visible)
        {
            return TextFault.Required;
        }
        var length = 0;
        for (var rest = text.AsSpan(); !rest.IsEmpty; length++)
        {
            var units = StringInfo.GetNextTextElementLength(rest);
            if (units > MaxCharacterUnits)
            {
                return TextFault.OverlongCharacter;
            }
            rest = rest[units..];
        }
        return length > MaxLength ? TextFault.TooLong : TextVerdict.Accepted(text);
    }

    /// <summary>A message for the caller about <paramref name="subject"/> ("A title", "Option 2").</summary>
    public string Explain(TextFault fault, string subject) => fault switch
    {
        TextFault.Required => $"{subject} is required and must have visible characters.",
        TextFault.TooLong => $"{subject} is at most {MaxLength} characters.",
        TextFault.OverlongCharacter => $"{subject} has a character with too many combining marks.",
        TextFault.ControlCharacter => AllowsLineBreaks
            ? $"{subject} may not contain control characters other than line breaks."
            : $"{subject} may not contain control characters or line breaks.",
        TextFault.DirectionalFormatting => $"{subject} may not contain bidirectional embedding, override or isolate characters.",
        TextFault.BrokenUnicode => $"{subject} is not valid Unicode text.",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static string Trim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsEdgeSpace(text[start]))
        {
            start++;
        }
        while (end > start && IsEdgeSpace(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    // Zero-width characters join or split their neighbours; at either end they have no neighbour and only hide.
    private static bool IsEdgeSpace(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    private static bool IsControl(Rune rune) =>
        Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    // Whitespace, format characters (U+200B, U+2060, U+FEFF, …) and the rest of Unicode's default-ignorable code points:
    // variation selectors, Hangul fillers, the combining grapheme joiner; and the blank braille cell U+2800. None shows anything alone.
    private static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x2800 or 0x3164
            or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xE0100 and <= 0xE01EF);
}
