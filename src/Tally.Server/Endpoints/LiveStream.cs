using System.Net.ServerSentEvents;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tally.Server.Endpoints;

/// <summary>
/// A live stream whose data is JSON already serialised once for all viewers: written as it is, where
/// <c>TypedResults.ServerSentEvents</c> would encode each string again as a JSON string.
/// </summary>
public sealed class LiveStream(IAsyncEnumerable<SseItem<string>> events) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "text/event-stream";
        // As the framework's own stream result: no cache or proxy keeps it, and no compression holds events back.
        httpContext.Response.Headers.CacheControl = "no-cache,no-store";
        httpContext.Response.Headers.Pragma = "no-cache";
        httpContext.Response.Headers.ContentEncoding = "identity";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        await SseFormatter.WriteAsync(events, httpContext.Response.Body, httpContext.RequestAborted);
    }

    // The same response metadata as TypedResults.ServerSentEvents of objects, so the API document keeps its shape.
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SseItem<object>), ["text/event-stream"]));
}
