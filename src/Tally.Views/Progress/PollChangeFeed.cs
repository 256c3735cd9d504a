using System.Collections.Concurrent;

namespace Tally.Views.Progress;

/// <summary>Tells live streams that a poll's views changed. Cheap when nobody listens: a signal exists only while awaited.</summary>
public sealed class PollChangeFeed
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _signals = new();

    public void Changed(Guid pollId)
    {
        if (_signals.TryRemove(pollId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>A task that completes at the poll's next change. Take it before reading the views, so no change slips in between.</summary>
    public Task NextChange(Guid pollId) =>
        _signals.GetOrAdd(pollId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
