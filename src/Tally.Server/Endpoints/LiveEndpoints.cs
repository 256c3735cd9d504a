using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tally.Domain.Errors;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Limits;
using Tally.Server.Observability;
using Tally.Server.Problems;
using Tally.Views.Progress;

namespace Tally.Server.Endpoints;

/// <summary>
/// Server-Sent Events: the current results, heatmap and last five minutes' delta at once (events "results", "heatmap" and
/// "delta"), then again at each change, at most one round per interval. The caller is held to the GET endpoints' rules.
/// </summary>
public static class LiveEndpoints
{
    public static RouteHandlerBuilder MapLive(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/polls/{id}/live", OpenAsync).WithTags("Results").Limited(LimitedAction.LiveStream).FromViews()
            .WithSummary("Stream live results").StreamsEvent<ResultsResponse>("results")
            .StreamsEvent<HeatmapResponse>("heatmap").StreamsEvent<DeltaResponse>("delta")
            .WithProblemCodes(ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden);

    private static async Task<Results<LiveStream, ProblemHttpResult>> OpenAsync(
        Guid id,
        ClaimsPrincipal user,
        ResultsReader reader,
        LiveFrames frames,
        PollChangeFeed changes,
        IOptions<ReadOptions> options,
        IHostApplicationLifetime lifetime,
        ServerMetrics metrics,
        CancellationToken ct)
    {
        // Refuse before the stream starts, so a hidden or unknown poll gets a proper problem response.
        var first = await reader.ReadVisibleAsync(id, user, ct);
        if (first.Rejection is { } rejection)
        {
            return Problem.Of(rejection);
        }
        return new LiveStream(StreamAsync(
            id, user, reader, frames, changes, options.Value, metrics, lifetime.ApplicationStopping, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        Guid pollId,
        ClaimsPrincipal user,
        ResultsReader reader,
        LiveFrames frames,
        PollChangeFeed changes,
        ReadOptions options,
        ServerMetrics metrics,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, requestAborted);
        var ct = linked.Token;
        metrics.LiveStreamOpened();
        frames.Open(pollId);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = changes.NextChange(pollId);
                // Each viewer is checked itself (visibility depends on who watches); the frame is shared.
                var (sequence, visible) = await reader.ReadVisibleWithCheckpointAsync(pollId, user, ct);
                if (visible.Value is not { } poll)
                {
                    yield break;
                }
                var frame = await frames.GetAsync(poll, sequence, ct);
                var sentAt = TimeProvider.System.GetTimestamp();
                yield return new SseItem<string>(frame.Results, "results") { EventId = frame.Sequence.ToString() };
                yield return new SseItem<string>(frame.Heatmap, "heatmap");
                yield return new SseItem<string>(frame.Delta, "delta");
                if (!await WaitAsync(next, options.LiveKeepAlive, ct))
                {
                    yield break;
                }
                // Coalesce bursts: whatever changes during the pause goes out in the next message.
                var pause = options.LiveMinInterval - TimeProvider.System.GetElapsedTime(sentAt);
                if (pause > TimeSpan.Zero && !await DelayAsync(pause, ct))
                {
                    yield break;
                }
            }
        }
        finally
        {
            frames.Close(pollId);
            metrics.LiveStreamClosed();
        }
    }

    /// <returns>false when the stream is over (client gone or server stopping).</returns>
    private static async Task<bool> WaitAsync(Task change, TimeSpan keepAlive, CancellationToken ct)
    {
        try
        {
            await change.WaitAsync(keepAlive, ct);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }

    private static async Task<bool> DelayAsync(TimeSpan pause, CancellationToken ct)
    {
        try
        {
            await Task.Delay(pause, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
