namespace Tally.Views.Progress;

/// <summary>
/// How far every view has got through the log. Lets a reader who just voted wait until their vote is counted
/// ("read your vote") instead of seeing a tally from before it.
/// </summary>
public sealed class ViewProgress
{
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _applied;
    private long _appliedAtTicks;

    /// <summary>Every event up to this sequence is reflected in every view.</summary>
    public long AppliedSequence => Volatile.Read(ref _applied);

    /// <summary>The commit time of the event at <see cref="AppliedSequence"/>.</summary>
    public DateTimeOffset AppliedEventTime => new(Volatile.Read(ref _appliedAtTicks), TimeSpan.Zero);

    public void Advance(long sequence, DateTimeOffset eventTime)
    {
        Volatile.Write(ref _appliedAtTicks, eventTime.UtcTicks);
        Volatile.Write(ref _applied, sequence);
        Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Moves back to <paramref name="sequence"/> when views were dropped to be rebuilt, so readers wait for the rebuild
    /// instead of being told the views hold what they no longer do.
    /// </summary>
    public void Rewind(long sequence)
    {
        if (sequence < AppliedSequence)
        {
            Volatile.Write(ref _applied, sequence);
        }
    }

    /// <returns>true once <paramref name="sequence"/> is applied; false if the timeout passed first.</returns>
    public async Task<bool> WaitForAsync(long sequence, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var advanced = Volatile.Read(ref _advanced).Task;
            if (AppliedSequence >= sequence)
            {
                return true;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            try
            {
                await advanced.WaitAsync(left, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return AppliedSequence >= sequence;
            }
        }
    }
}
