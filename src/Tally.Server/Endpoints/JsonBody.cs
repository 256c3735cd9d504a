using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>
/// A JSON body read by hand rather than bound: a bound body's content-type matching would send a request of another type
/// (or none) past its endpoint to a 404, where the caller needs to hear 415 or 400.
/// </summary>
public static class JsonBody
{
    /// <param name="absent">The body to take when the request has none; null when one is required.</param>
    /// <param name="shape">The body's shape for the caller, such as "{region?, from?, to?}, all strings".</param>
    public static async Task<(T? Body, ProblemHttpResult? Unreadable)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> type, T? absent, string shape, CancellationToken ct) where T : class
    {
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            return absent is null ? (null, Malformed(shape)) : (absent, null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "The body is application/json."));
        }
        try
        {
            return await request.ReadFromJsonAsync(type, ct) is { } body ? (body, null) : (absent, absent is null ? Malformed(shape) : null);
        }
        catch (JsonException)
        {
            return (null, Malformed(shape));
        }
    }

    private static ProblemHttpResult Malformed(string shape) =>
        Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, $"The body is not JSON of this request's shape: {shape}.");
}
