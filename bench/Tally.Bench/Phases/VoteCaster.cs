using System.Net;
using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Protocol;

namespace Tally.Bench.Phases;

/// <summary>
/// Casts one vote and classifies the answer. Shared by the load workers and the lag sampler so that
/// every 201 anyone received is counted once, which is what the exactness check compares against.
/// </summary>
public sealed class VoteCaster(string pollId, VoteBodies bodies, bool idempotencyKeys)
{
    private readonly string _path = Requests.VotesPath(pollId);
    private long _durable;
    private long _ambiguous;
    private long _maxSequence;

    public ErrorLog Errors { get; } = new();

    /// <summary>201s received: votes the server promised are durably committed.</summary>
    public long Durable => Interlocked.Read(ref _durable);

    /// <summary>Requests that died without an answer; each may or may not have been committed.</summary>
    public long Ambiguous => Interlocked.Read(ref _ambiguous);

    public long MaxSequence => Interlocked.Read(ref _maxSequence);

    /// <returns>The receipt of a durable vote, or null after recording why there is none.</returns>
    public async Task<VoteReceipt?> CastAsync(HttpClient client, string voterToken, CancellationToken ct)
    {
        using var request = Requests.Create(HttpMethod.Post, _path, voterToken, bodies.Next());
        if (idempotencyKeys)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        }
        try
        {
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Errors.Record($"HTTP {(int)response.StatusCode}", System.Text.Encoding.UTF8.GetString(body));
                return null;
            }
            // A 201 is a durable vote whatever its body says, so count it before judging the body.
            Interlocked.Increment(ref _durable);
            var receipt = Parse(body);
            if (receipt is null)
            {
                Errors.Record("malformed 201", System.Text.Encoding.UTF8.GetString(body));
                return null;
            }
            RaiseMaxSequence(receipt.Sequence);
            return receipt;
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref _ambiguous);
            Errors.Record(nameof(HttpRequestException), e.Message);
            return null;
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _ambiguous);
            Errors.Record("client timeout", e.Message);
            return null;
        }
    }

    private static VoteReceipt? Parse(byte[] body)
    {
        try
        {
            var receipt = JsonSerializer.Deserialize(body, BenchJson.Default.VoteReceipt);
            return receipt is { Sequence: > 0, VoteId.Length: > 0 } ? receipt : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void RaiseMaxSequence(long sequence)
    {
        var current = Interlocked.Read(ref _maxSequence);
        while (sequence > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxSequence, sequence, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
