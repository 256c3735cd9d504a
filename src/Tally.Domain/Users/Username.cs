using System.Text;
using Tally.Domain.Text;

namespace Tally.Domain.Users;

/// <summary>
/// Usernames: NFKC-normalised, then 3 to 64 ASCII letters, digits, '.', '_' or '-'. ASCII because the ledger keeps them
/// unique case-insensitively (SQLite <c>COLLATE NOCASE</c>, PostgreSQL <c>lower()</c>) and the two agree only on ASCII;
/// NFKC first so that compatibility forms such as full-width "ａｌｉｃｅ" are the ASCII name they look like.
/// </summary>
public static class Username
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    public const string Rule = "A username is 3 to 64 letters (A-Z, a-z), digits, '.', '_' or '-'.";

    /// <summary>The form a username is stored and looked up in, or null when there is none or it is not well-formed Unicode.</summary>
    public static string? Normalise(string? raw) => raw is null ? null : Normalisation.Apply(raw, NormalizationForm.FormKC);

    /// <summary>
    /// The one key every spelling of an account shares, for whatever counts per account (rate limits, lockouts): the
    /// stored form, case-folded as the ledger compares names. Null when <see cref="Normalise"/> has no form for it.
    /// </summary>
    public static string? Canonical(string? raw) => Normalise(raw)?.ToLowerInvariant();

    /// <summary>Whether a normalised name may be registered. Only registration asks: older names still sign in.</summary>
    public static bool MayRegister(string normalised)
    {
        if (normalised.Length is < MinLength or > MaxLength)
        {
            return false;
        }
        foreach (var c in normalised)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
