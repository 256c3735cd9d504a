using System.Collections;
using Tally.Domain.Events;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// A batch that holds the projection reading it just before one of its events until the test lets it go on: everything
/// before that event has been applied and nothing after, so the test sees what readers would see half-way through.
/// </summary>
internal sealed class PausedBatch(IReadOnlyList<StoredEvent> events, int pauseBefore) : IReadOnlyList<StoredEvent>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _resumed = new();

    public int Count => events.Count;

    public StoredEvent this[int index]
    {
        get
        {
            if (index == pauseBefore)
            {
                _paused.TrySetResult();
                if (!_resumed.Wait(Patience))
                {
                    throw new TimeoutException("The test never let the batch go on.");
                }
            }
            return events[index];
        }
    }

    /// <summary>Completes once the projection has reached the event it is held before.</summary>
    public Task Paused => _paused.Task.WaitAsync(Patience);

    public void Resume() => _resumed.Set();

    public IEnumerator<StoredEvent> GetEnumerator()
    {
        for (var i = 0; i < events.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
