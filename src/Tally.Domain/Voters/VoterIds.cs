namespace Tally.Domain.Voters;

/// <summary>
/// Who a voter is, as one string the ledger keys votes by. Tally's own users are their bare user id (a GUID, never a
/// colon); anyone else is <c>issuer ":" subject</c> with the subject's <c>%</c> and <c>:</c> percent-escaped, so the last
/// colon always ends the issuer (issuers are often URLs full of colons) and no two (issuer, subject) pairs share an id.
/// </summary>
public static class VoterIds
{
    public static string Of(string issuer, string localIssuer, string subject) =>
        issuer == localIssuer ? subject : string.Concat(issuer, ":", EscapeSubject(subject));

    /// <summary>
    /// The id that an id stored by the first encoding (<c>issuer ":" subject</c>, subject unescaped) has now, or null when it
    /// is unchanged or names no issuer in <paramref name="externalIssuers"/>. The longest issuer that prefixes it wins.
    /// </summary>
    public static string? Reencode(string storedId, IReadOnlyList<string> externalIssuers)
    {
        string? issuer = null;
        foreach (var candidate in externalIssuers)
        {
            if (storedId.Length > candidate.Length && storedId[candidate.Length] == ':'
                && storedId.StartsWith(candidate, StringComparison.Ordinal)
                && (issuer is null || candidate.Length > issuer.Length))
            {
                issuer = candidate;
            }
        }
        if (issuer is null)
        {
            return null;
        }
        var reencoded = string.Concat(issuer, ":", EscapeSubject(storedId[(issuer.Length + 1)..]));
        return reencoded == storedId ? null : reencoded;
    }

    private static string EscapeSubject(string subject) =>
        subject.AsSpan().IndexOfAny('%', ':') < 0 ? subject : subject.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
