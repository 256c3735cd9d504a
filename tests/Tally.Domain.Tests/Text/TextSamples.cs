using CsCheck;

namespace Tally.Domain.Tests.Text;

/// <summary>Generators of text built from the pieces that trip text rules up, well-formed or not.</summary>
internal static class TextSamples
{
    public static readonly Gen<string> Letter = Gen.OneOf(
        Gen.Char['a', 'z'].Select(c => c.ToString()),
        Gen.Char['\u00C0', '\u00FF'].Select(c => c.ToString()),
        Gen.Char['\uAC00', '\uD7A3'].Select(c => c.ToString()),
        Gen.OneOf("\U0001F600", "\U0001F469\u200D\U0001F4BB", "\u2764\uFE0F", "\U0001F1EB\U0001F1F7", "\u05E9", "\u0627"));

    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.Char['\u0000', '\u001F'].Select(c => c.ToString()),
        Gen.Char['\u007F', '\u009F'].Select(c => c.ToString()),
        Gen.OneOf("\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029"));

    private static readonly Gen<string> Piece = Gen.Frequency(
        (8, Letter),
        (2, Gen.OneOf(" ", "  ", "\u00A0", "\u3000", "\t")),
        (2, Gen.Char['\u0300', '\u036F'].Select(c => c.ToString())),
        (1, Gen.Char['\u1100', '\u1112'].Select(c => c.ToString())),
        (1, Gen.Char['\u1161', '\u1175'].Select(c => c.ToString())),
        (2, Gen.OneOf("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u200E", "\u200F", "\u00AD", "\uFE0F", "\u3164")),
        (1, Gen.OneOf("\uFB01", "\uFF21", "\u2460", "\u212B", "\u2126", "\u1E9B\u0323")),
        (1, Gen.OneOf("\n", "\r\n", "\r", "\u0085", "\u000C")),
        (1, Hostile));

    /// <summary>Well-formed UTF-16: every surrogate paired.</summary>
    public static readonly Gen<string> WellFormed = Piece.Array[0, 14].Select(string.Concat);

    /// <summary>Anything, including unpaired surrogates.</summary>
    public static readonly Gen<string> Any = Gen.Frequency(
        (6, WellFormed),
        (1, Gen.Select(WellFormed, Gen.Char['\uD800', '\uDFFF'], WellFormed, (a, s, b) => a + s + b)));

    /// <summary>Characters no display text may hold between two letters: controls other than line breaks, and bidi formatting.</summary>
    public static readonly Gen<char> NeverInside = Gen.OneOf(
        Gen.Char['\u0000', '\u0009'],
        Gen.Char['\u000E', '\u001F'],
        Gen.Char['\u007F', '\u0084'],
        Gen.Char['\u0086', '\u009F'],
        Gen.Char['\u202A', '\u202E'],
        Gen.Char['\u2066', '\u2069'],
        Gen.Const('\u000B'));
}
