using System.Text.Json;
using Microsoft.Extensions.Options;
using Tally.Views.Results;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tally.Server.Endpoints;

/// <summary>
/// Builds each poll's live frame once per checkpoint and hands it to all of that poll's viewers on this node, so the
/// cost of reading and serialising a round does not grow with the number of viewers.
/// </summary>
public sealed class LiveFrames(
    ResultsReader results,
    HeatmapReader heatmaps,
    DeltaReader deltas,
    IOptions<HttpJsonOptions> json,
    IOptions<ReadOptions> options,
    TimeProvider clock)
{
    private readonly Lock _gate = new();
    // Bounded by open streams: a poll's entry goes when its last stream closes.
    private readonly Dictionary<Guid, (int Streams, long Sequence, long StartedAt, Task<LiveFrame>? Frame)> _polls = [];
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;
    private readonly TimeSpan _freshFor = options.Value.LiveMinInterval;

    public void Open(Guid pollId)
    {
        lock (_gate)
        {
            var entry = _polls.GetValueOrDefault(pollId);
            _polls[pollId] = entry with { Streams = entry.Streams + 1 };
        }
    }

    public void Close(Guid pollId)
    {
        lock (_gate)
        {
            var entry = _polls[pollId];
            if (entry.Streams == 1)
            {
                _polls.Remove(pollId);
            }
            else
            {
                _polls[pollId] = entry with { Streams = entry.Streams - 1 };
            }
        }
    }

    /// <summary>
    /// The frame of <paramref name="poll"/> at <paramref name="sequence"/> or later, built within the minimum interval
    /// (the delta window moves with time); concurrent askers share one build. The caller has checked visibility.
    /// </summary>
    public Task<LiveFrame> GetAsync(PollResults poll, long sequence, CancellationToken ct)
    {
        TaskCompletionSource<LiveFrame> build;
        lock (_gate)
        {
            var entry = _polls.GetValueOrDefault(poll.PollId);
            if (entry.Frame is { IsFaulted: false } shared && entry.Sequence >= sequence
                && clock.GetElapsedTime(entry.StartedAt) < _freshFor)
            {
                return shared.WaitAsync(ct);
            }
            build = new TaskCompletionSource<LiveFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
            // An older checkpoint than the one shared (a slow reader) is built for its asker alone.
            if (entry.Streams > 0 && sequence >= entry.Sequence)
            {
                _polls[poll.PollId] = entry with { Sequence = sequence, StartedAt = clock.GetTimestamp(), Frame = build.Task };
            }
        }
        _ = BuildAsync(poll, sequence, build);
        return build.Task.WaitAsync(ct);
    }

    // Not tied to one viewer's cancellation: the others wait on the same build.
    private async Task BuildAsync(PollResults poll, long sequence, TaskCompletionSource<LiveFrame> build)
    {
        try
        {
            var heatmap = await heatmaps.ReadAsync(poll, sequence, CancellationToken.None);
            var delta = await deltas.ReadAsync(poll, sequence, DeltaReader.DefaultSince, DeltaReader.DefaultWindow, CancellationToken.None);
            build.SetResult(new LiveFrame(
                sequence,
                JsonSerializer.Serialize(results.ToResponse(poll, sequence, null), _json),
                JsonSerializer.Serialize(heatmap, _json),
                JsonSerializer.Serialize(delta, _json)));
        }
        catch (Exception e)
        {
            build.SetException(e);
        }
    }
}
