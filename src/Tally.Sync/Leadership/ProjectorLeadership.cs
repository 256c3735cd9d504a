namespace Tally.Sync.Leadership;

/// <summary>
/// Whether this node is the one that applies projections, and for which term. The election (or, in the embedded modes,
/// <see cref="EmbeddedLeadership"/>) opens and ends terms; the daemon waits for a term and stops when it is lost.
/// </summary>
public sealed class ProjectorLeadership
{
    private readonly Lock _gate = new();
    private LeaderTerm? _term;
    private TaskCompletionSource<LeaderTerm> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _fenced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsLeader => Volatile.Read(ref _term) is { IsOver: false };

    /// <summary>"leader" or "follower", for status pages.</summary>
    public string Role => IsLeader ? "leader" : "follower";

    /// <summary>The epoch of the current term, if this node leads and writes fenced.</summary>
    public long? Epoch => Volatile.Read(ref _term) is { IsOver: false } term ? term.Epoch : null;

    /// <summary>Completes with the current term, or the next one this node wins.</summary>
    public Task<LeaderTerm> WaitForTermAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return _term is { IsOver: false } term ? Task.FromResult(term) : _next.Task.WaitAsync(ct);
        }
    }

    /// <summary>Called by the daemon when the apply script refused its epoch: another node leads, so this term is over.</summary>
    public void ReportFenced(LeaderTerm term)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(term, _term))
            {
                return;
            }
            _fenced.TrySetResult();
        }
        End(term);
    }

    /// <summary>Completes when the daemon reports the given term fenced; the election then gives up its lock.</summary>
    internal Task FencedAsync(LeaderTerm term)
    {
        lock (_gate)
        {
            return ReferenceEquals(term, _term) ? _fenced.Task : Task.CompletedTask;
        }
    }

    internal LeaderTerm Begin(long? epoch, Func<CancellationToken, Task<long>>? latestEpoch = null)
    {
        var term = new LeaderTerm(epoch, latestEpoch);
        TaskCompletionSource<LeaderTerm> waiting;
        LeaderTerm? previous;
        lock (_gate)
        {
            previous = _term;
            _term = term;
            _fenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = _next;
            _next = new TaskCompletionSource<LeaderTerm>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        // Outside the lock: cancelling runs the daemon's callbacks inline.
        previous?.End();
        waiting.TrySetResult(term);
        return term;
    }

    internal void End(LeaderTerm term)
    {
        // Cancel first: whatever the daemon is doing must stop before anyone can read IsLeader as false and act on it.
        term.End();
        lock (_gate)
        {
            if (ReferenceEquals(term, _term))
            {
                _term = null;
            }
        }
    }
}
