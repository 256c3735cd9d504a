using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>A slice of time as admin commands take it: <c>from</c> (inclusive) and <c>to</c> (exclusive), RFC 3339, either left out.</summary>
public static class TimeRange
{
    /// <returns>Why the range is refused, or null with both ends read (null where left out).</returns>
    public static ProblemHttpResult? Read(string? fromText, string? toText, out DateTimeOffset? from, out DateTimeOffset? to)
    {
        to = null;
        if (!Rfc3339Instant.TryRead(fromText, out from))
        {
            return Problem.Invalid("from", "from is an RFC 3339 instant with an offset, such as 2026-11-29T10:00:00Z.");
        }
        if (!Rfc3339Instant.TryRead(toText, out to))
        {
            return Problem.Invalid("to", "to is an RFC 3339 instant with an offset, such as 2026-11-29T11:00:00Z.");
        }
        return from > to ? Problem.Invalid("to", "to must not be before from.") : null;
    }
}
