namespace Tally.Domain.Text;

/// <summary>Why a piece of display text was refused.</summary>
public enum TextFault
{
    /// <summary>Missing, or nothing a reader could see: only whitespace, format and zero-width characters.</summary>
    Required,
    TooLong,
    /// <summary>One character (grapheme cluster) built of more code units than any real script or emoji needs: stacked marks.</summary>
    OverlongCharacter,
    /// <summary>A C0 or C1 control character, or a line break where none is allowed.</summary>
    ControlCharacter,
    /// <summary>A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which can make text read backwards.</summary>
    DirectionalFormatting,
    /// <summary>An unpaired surrogate: not text at all.</summary>
    BrokenUnicode,
}
