using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Tally.Domain.Polls;
using Tally.Server.Contracts;
using Tally.Views.Results;

namespace Tally.Server.Endpoints;

/// <summary>
/// Lets a browser or a CDN keep GET …/results for a second and ask again cheaply: a weak ETag that changes exactly when
/// the answer does (status, counts, amendment, whether min_sequence was met), and 304 to an If-None-Match that names it.
/// Weak because <c>as_of</c> and <c>sequence</c> move with every read while the tally stands still. Only an answer
/// everyone may see is <c>public</c>; one shown to its owner or to those who voted is <c>private</c> (and the security
/// headers make any answer to an authenticated request <c>no-store</c>).
/// </summary>
public static class ResultsCaching
{
    /// <summary>How long a cache may serve an answer without asking again, in seconds.</summary>
    public const int MaxAge = 1;

    private const string ForEveryone = "public, max-age=1";
    private const string ForTheCaller = "private, max-age=1";

    /// <summary>
    /// The answer's ETag: W/"…", 16 hex digits of an XxHash64 (seed 0, little-endian values) of what the answer says, so
    /// every node and every run gives the same tag for the same answer.
    /// </summary>
    public static string ETagOf(ResultsResponse response)
    {
        // Hashed at once over the values laid end to end (the same hash as appending them one by one), with no hasher object.
        Span<byte> values = stackalloc byte[16 + 4 * sizeof(long) + PollRules.MaxOptions * 2 * sizeof(long)];
        response.PollId.TryWriteBytes(values);
        var at = 16;
        Put(values, ref at, (long)response.Status);
        Put(values, ref at, response.TotalVotes);
        Put(values, ref at, response.MinSequenceMet switch { null => 0, false => 1, true => 2 });
        Put(values, ref at, response.AmendedAt?.UtcTicks ?? -1);
        for (var i = 0; i < response.Options.Count; i++)
        {
            Put(values, ref at, response.Options[i].OptionId);
            Put(values, ref at, response.Options[i].Votes);
        }
        var hash = XxHash64.HashToUInt64(values[..at]);
        return string.Create(CultureInfo.InvariantCulture, $"W/\"{hash:x16}\"");
    }

    /// <summary>Sets the headers and says whether the caller already holds this answer (answer 304).</summary>
    public static bool NotModified(HttpContext http, PollResults poll, ResultsResponse response)
    {
        var etag = ETagOf(response);
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = ResultsAccess.CanSee(poll.Visibility, response.Status, isOwner: false, hasVoted: false) ? ForEveryone : ForTheCaller;
        var asked = http.Request.Headers.IfNoneMatch;
        if (asked.Count == 0 || !EntityTagHeaderValue.TryParseList(asked, out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(etag[2..], isWeak: true);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>The headers and the 304 in the operation's description.</summary>
    public static Task DescribeAsync(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Description = "An ETag from an earlier answer: when the answer is still the same, 304 with no body.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        var headers = new Dictionary<string, IOpenApiHeader>
        {
            ["ETag"] = new OpenApiHeader
            {
                Description = "A weak validator that changes exactly when the answer does (as_of and sequence aside); the same on every node.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            },
            ["Cache-Control"] = new OpenApiHeader
            {
                Description = "public, max-age=1 when everyone may see the results; private, max-age=1 when only some callers may; no-store for an authenticated request.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        operation.Responses ??= new OpenApiResponses();
        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse answer)
        {
            answer.Headers = headers;
        }
        operation.Responses["304"] = new OpenApiResponse { Description = "Not Modified: the answer the If-None-Match ETag names is still current.", Headers = headers };
        return Task.CompletedTask;
    }

    private static void Put(Span<byte> values, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(values[at..], value);
        at += sizeof(long);
    }
}
