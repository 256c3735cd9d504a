namespace Tally.Sync.Leadership;

/// <summary>
/// One uninterrupted stretch of leading. <see cref="Lost"/> fires the moment this node may no longer apply: the lock's
/// session died, the node stops, or a fenced apply showed another node leads.
/// </summary>
public sealed class LeaderTerm
{
    // Never disposed: the daemon may link to Lost after the term ended, and a source without timers or wait handles holds
    // nothing that needs freeing.
    private readonly CancellationTokenSource _lost = new();

    private readonly Func<CancellationToken, Task<long>>? _latestEpoch;

    internal LeaderTerm(long? epoch, Func<CancellationToken, Task<long>>? latestEpoch = null)
    {
        Epoch = epoch;
        _latestEpoch = latestEpoch;
    }

    /// <summary>The fencing epoch this term writes with; null when nothing is fenced (embedded modes).</summary>
    public long? Epoch { get; }

    public CancellationToken Lost => _lost.Token;

    public bool IsOver => _lost.IsCancellationRequested;

    /// <summary>
    /// Asks the ledger whether any node took a newer epoch: the views' fence cannot say once the view store lost its
    /// data, so a leader asks before it starts the views over.
    /// </summary>
    public async Task<bool> IsLatestAsync(CancellationToken ct) =>
        !IsOver && (Epoch is not { } epoch || _latestEpoch is null || await _latestEpoch(ct).ConfigureAwait(false) <= epoch);

    internal void End() => _lost.Cancel();
}
