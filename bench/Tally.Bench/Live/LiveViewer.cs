using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using Tally.Bench.Protocol;

namespace Tally.Bench.Live;

/// <summary>
/// One open <c>GET /v1/polls/{id}/live</c>, as one browser tab holds it: counts events and data bytes per type, and keeps
/// when each <c>results</c> arrived with its sequence, for the visibility lag.
/// </summary>
public sealed class LiveViewer
{
    private static readonly int Types = Enum.GetValues<LiveEvent>().Length;

    private readonly long[] _events = new long[Types];
    private readonly long[] _bytes = new long[Types];
    private readonly List<(long Sequence, long At)> _results = [];
    private readonly TaskCompletionSource _firstResults = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequence;

    public long Events(LiveEvent type) => Volatile.Read(ref _events[(int)type]);

    public long Bytes(LiveEvent type) => Volatile.Read(ref _bytes[(int)type]);

    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Events of a type the bench does not know, or a stream that ended early: either is a finding.</summary>
    public string? Fault { get; private set; }

    /// <summary>Completes when the first results arrived: the stream is open and the server has sent its first round.</summary>
    public Task Opened => _firstResults.Task;

    /// <summary>Results arrivals in order; read only once the stream is over.</summary>
    public IReadOnlyList<(long Sequence, long At)> Results => _results;

    /// <summary>Reads the stream until <paramref name="ct"/> ends it; never throws for the stream's own failures.</summary>
    public async Task RunAsync(HttpClient client, string path, string token, CancellationToken ct)
    {
        try
        {
            using var request = Requests.Create(HttpMethod.Get, path, token);
            request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            // Only the data's length is kept: parsing the JSON would charge the bench's CPU, not the server's.
            await foreach (var item in SseParser.Create(stream, (_, data) => data.Length).EnumerateAsync(ct))
            {
                Receive(item, Stopwatch.GetTimestamp());
            }
            Fault ??= "stream ended by the server";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            Fault ??= e.Message;
        }
        _firstResults.TrySetException(new InvalidOperationException(Fault ?? "stream closed before its first results"));
    }

    private void Receive(SseItem<int> item, long at)
    {
        if (!Enum.TryParse<LiveEvent>(item.EventType, ignoreCase: true, out var type))
        {
            Fault ??= $"unexpected event type '{item.EventType}'";
            return;
        }
        Interlocked.Increment(ref _events[(int)type]);
        Interlocked.Add(ref _bytes[(int)type], item.Data);
        if (type == LiveEvent.Results)
        {
            var sequence = long.Parse(item.EventId ?? "0", CultureInfo.InvariantCulture);
            _results.Add((sequence, at));
            Volatile.Write(ref _lastSequence, sequence);
            _firstResults.TrySetResult();
        }
    }
}
