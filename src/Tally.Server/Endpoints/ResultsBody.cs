using System.Buffers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Tally.Server.Contracts;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tally.Server.Endpoints;

/// <summary>
/// The 200 answer of GET …/results, the API's most frequent: serialised at once by the source-generated fast path into a
/// buffer the thread keeps, and sent with its Content-Length. <c>TypedResults.Ok</c> serialises through the slower
/// metadata path, asynchronously, because the app's options carry an encoder that rules the fast path out; this writer
/// uses that same encoder, so the bytes are the ones <c>TypedResults.Ok</c> would send.
/// </summary>
public sealed class ResultsBody(ResultsResponse response) : IResult, IEndpointMetadataProvider
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = WriterFor(httpContext, buffer);
        JsonSerializer.Serialize(writer, response, TallyJsonContext.Default.ResultsResponse);
        writer.Flush();
        var http = httpContext.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = buffer.WrittenCount;
        // Copied into the response pipe here, so the buffer is free again when this returns; Kestrel sends it as the request ends.
        http.BodyWriter.Write(buffer.WrittenSpan);
        return Task.CompletedTask;
    }

    private static Utf8JsonWriter WriterFor(HttpContext httpContext, ArrayBufferWriter<byte> buffer)
    {
        var encoder = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.Encoder;
        if (t_writer is { } kept && kept.Options.Encoder == encoder)
        {
            kept.Reset(buffer);
            return kept;
        }
        return t_writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder ?? JavaScriptEncoder.Default });
    }

    // The same response metadata as TypedResults.Ok of the response, so the API document keeps its shape.
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ResultsResponse), ["application/json"]));
}
