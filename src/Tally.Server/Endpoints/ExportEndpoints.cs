using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Tally.Domain.Errors;
using Tally.Ledger.Stores;
using Tally.Server.Admin;
using Tally.Server.Documentation;
using Tally.Server.Limits;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>A poll's whole record for review or archive: NDJSON, or CSV when asked for with <c>Accept: text/csv</c>.</summary>
public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExport(this RouteGroupBuilder admin)
    {
        admin.MapGet("/polls/{id}/export", ExportAsync).Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv")
            .WithSummary("Export a poll").WithProblemCodes(ErrorCodes.PollNotFound, ErrorCodes.RateLimited);
        return admin;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAsync(
        Guid id, HttpContext http, IPollStore polls, PollExporter exporter, CancellationToken ct)
    {
        // The ledger's own copy, not a node's cache: the export says whether the poll is closed now.
        if (await polls.FindAsync(id, ct) is not { } poll)
        {
            return Problem.Of(Rejections.PollNotFound);
        }
        IExportFormat format = AsksForCsv(http.Request) ? new CsvExportFormat() : new NdjsonExportFormat();
        return await exporter.RunAsync(poll, format, http.Response, ct)
            ? TypedResults.Empty
            : RateLimitRejection.Problem(http, TimeSpan.FromSeconds(1));
    }

    private static bool AsksForCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
