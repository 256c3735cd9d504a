using System.Net.Http.Headers;
using System.Text.Json;

namespace Tally.Bench.Protocol;

/// <summary>
/// Every option × region vote body, serialised once up front; requests cycle through them so votes
/// spread over all tallies without paying serialisation in the timed path.
/// </summary>
public sealed class VoteBodies
{
    private readonly byte[][] _bodies;
    private long _next = -1;

    public VoteBodies(IReadOnlyList<int> optionIds, IReadOnlyList<string> regions)
    {
        _bodies = [.. from region in regions
                      from optionId in optionIds
                      select JsonSerializer.SerializeToUtf8Bytes(new VoteRequest(optionId, region), BenchJson.Default.VoteRequest)];
    }

    public HttpContent Next()
    {
        var body = _bodies[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_bodies.Length)];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
