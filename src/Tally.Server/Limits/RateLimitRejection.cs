using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Tally.Domain.Errors;
using Tally.Server.Observability;
using Tally.Server.Problems;

namespace Tally.Server.Limits;

/// <summary>How every refusal by a limit reads (429 problem+json with code RATE_LIMITED and a Retry-After in whole seconds), counted in one place.</summary>
public static class RateLimitRejection
{
    public static ProblemHttpResult Problem(HttpContext http, TimeSpan retryAfter)
    {
        http.RequestServices.GetRequiredService<ServerMetrics>().RateLimited(RequestLimiter.ActionOf(http));
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Problem.Of(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, $"Too many requests; try again in {seconds} s.");
    }

    /// <summary>The rate limiting middleware's OnRejected.</summary>
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        await Problem(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }
}
