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
    private readonly Lock _echoes = new();
    private int _inFlight;
    private long _held;

    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>The events committed here, handed to the projection daemon in memory.</summary>
    public CommittedEvents Handoff { get; } = new();

    /// <summary>A transaction of this process committed <paramref name="events"/> and they are durable.</summary>
    public void Committed(long sequence, IReadOnlyList<StoredEvent> events)
    {
        // Kept before the signal, so the reader it wakes finds them.
        Handoff.Keep(events);
        Committed(sequence);
    }

    /// <summary>
    /// A transaction of this process is about to COMMIT (its sequences may not be known yet: the COMMIT can travel with
    /// the statement that takes them). Until it is <see cref="Settled"/>, commits heard from the database are held:
    /// one of them may be its own echo, and waking readers for it would send them to the log before its events are handed over.
    /// </summary>
    public void Committing()
    {
        lock (_echoes)
        {
            _inFlight++;
        }
    }

    /// <summary>
    /// The transaction of <see cref="Committing"/> committed (after <see cref="Committed(long, IReadOnlyList{StoredEvent})"/>)
    /// or failed. What was heard meanwhile wakes readers now: another process's commit waited one COMMIT at most, and an
    /// echo of a commit whose answer was lost is taken at the database's word. (The echo of another transaction of this
    /// process still in flight then sends readers to the log for its events: only slower.)
    /// </summary>
    public void Settled()
    {
        long held;
        lock (_echoes)
        {
            _inFlight--;
            held = _held;
            _held = 0;
        }
        if (held > 0)
        {
            Committed(held);
        }
    }

    /// <summary>A commit heard from the database (any process's, this one's too); held while one of this process's is in flight.</summary>
    public void Heard(long sequence)
    {
        lock (_echoes)
        {
            if (_inFlight > 0)
            {
                _held = Math.Max(_held, sequence);
                return;
            }
        }
        Committed(sequence);
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
