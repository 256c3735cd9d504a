using System.Buffers;
using System.Text;

namespace Tally.Domain.Text;

/// <summary>Unicode normalisation as the rules rely on it, refusing to run where the platform would quietly skip it.</summary>
internal static class Normalisation
{
    // In globalization-invariant mode string.Normalize returns non-ASCII text unchanged without a word; fail loudly instead.
    private static readonly bool Works = "e\u0301".Normalize(NormalizationForm.FormC) == "\u00E9"
        ? true
        : throw new PlatformNotSupportedException("Unicode normalisation needs ICU: run with InvariantGlobalization off and libicu installed.");

    /// <returns>The text in <paramref name="form"/>, or null when it is not well-formed UTF-16 (an unpaired surrogate).</returns>
    public static string? Apply(string text, NormalizationForm form) => Works && IsWellFormed(text) ? text.Normalize(form) : null;

    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }
            text = text[used..];
        }
        return true;
    }
}
