namespace Tally.Ledger.EventLog;

/// <summary>
/// Wakes event-log readers in this process the moment a transaction commits, so tailing needs no tight polling.
/// Readers still poll slowly as a fallback, since another process may also write the log. With the PostgreSQL ledger,
/// <see cref="Postgres.PostgresCommitListener"/> also signals here what other processes commit, so the poll rarely matters.
/// </summary>
public sealed class LedgerCommits
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequence;

    public long LastSequence => Volatile.Read(ref _lastSequence);

    public void Committed(long sequence)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastSequence);
        }
        while (sequence > seen && Interlocked.CompareExchange(ref _lastSequence, sequence, seen) != seen);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once a sequence above <paramref name="sequence"/> has committed here, or when the timeout passes.</summary>
    public async Task WaitForCommitAfterAsync(long sequence, TimeSpan timeout, CancellationToken ct)
    {
        // Take the signal before checking, so a commit landing in between still completes the task we hold.
        var next = Volatile.Read(ref _next).Task;
        if (LastSequence > sequence)
        {
            return;
        }
        try
        {
            await next.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
