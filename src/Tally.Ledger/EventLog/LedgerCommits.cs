using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>
/// Wakes event-log readers in this process the moment a transaction commits, so tailing needs no tight polling.
/// Readers still poll slowly as a fallback, since another process may also write the log. With the PostgreSQL ledger,
/// <see cref="Postgres.PostgresCommitListener"/> also signals here what other processes commit, so the poll rarely matters.
/// This process's own committed events come with the signal, for the projection daemon to take from <see cref="Handoff"/>.
/// </summary>
public sealed class LedgerCommits
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequence;
    private long _committingHere;

    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>The events committed here, handed to the projection daemon in memory.</summary>
    public CommittedEvents Handoff { get; } = new();

    /// <summary>A transaction of this process committed <paramref name="events"/> and they are durable.</summary>
    public void Committed(long sequence, IReadOnlyList<StoredEvent> events)
    {
        // Kept before the signal, so the reader it wakes finds them.
        Handoff.Keep(events);
        Interlocked.CompareExchange(ref _committingHere, 0, sequence);
        Committed(sequence);
    }

    /// <summary>
    /// A transaction of this process whose events end at <paramref name="sequence"/> is about to COMMIT. Until it is
    /// <see cref="Committed(long, IReadOnlyList{StoredEvent})"/> or <see cref="Abandoned"/>, hearing that sequence from
    /// the database is its own commit's echo: waking readers for it would send them to the log before its events are
    /// handed over.
    /// </summary>
    public void Committing(long sequence) => Volatile.Write(ref _committingHere, sequence);

    /// <summary>
    /// The COMMIT of <see cref="Committing"/> failed. Had it landed after all, its echo may have been skipped already: the
    /// readers' slow poll of the log, or the next commit heard, brings it.
    /// </summary>
    public void Abandoned(long sequence) => Interlocked.CompareExchange(ref _committingHere, 0, sequence);

    /// <summary>A commit heard from the database (any process's, this one's too); this process's own is left to its writer.</summary>
    public void Heard(long sequence)
    {
        if (sequence != Volatile.Read(ref _committingHere))
        {
            Committed(sequence);
        }
    }

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
    /// <returns>False when the timeout passed without a commit.</returns>
    public async Task<bool> WaitForCommitAfterAsync(long sequence, TimeSpan timeout, CancellationToken ct)
    {
        // Take the signal before checking, so a commit landing in between still completes the task we hold.
        var next = Volatile.Read(ref _next).Task;
        if (LastSequence > sequence)
        {
            return true;
        }
        try
        {
            await next.WaitAsync(timeout, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
