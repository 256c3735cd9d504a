using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Text;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>Why an admin blocked, retracted or reinstated: text a reader sees later (audit, votes/me, export), judged like any display text.</summary>
public static class AdminReason
{
    public const int MaxLength = 500;

    private static readonly DisplayText Rule = new(MaxLength, AllowsLineBreaks: true);

    /// <returns>Why <paramref name="raw"/> is refused, or null with <paramref name="reason"/> in canonical form.</returns>
    public static ProblemHttpResult? Read(string? raw, out string reason)
    {
        var read = Rule.Read(raw);
        reason = read.Text ?? "";
        return read.Fault is { } fault ? Problem.Invalid("reason", Rule.Explain(fault, "A reason")) : null;
    }
}
