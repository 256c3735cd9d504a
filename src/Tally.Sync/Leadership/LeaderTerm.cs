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

    internal LeaderTerm(long? epoch) => Epoch = epoch;

    /// <summary>The fencing epoch this term writes with; null when nothing is fenced (embedded modes).</summary>
    public long? Epoch { get; }

    public CancellationToken Lost => _lost.Token;

    public bool IsOver => _lost.IsCancellationRequested;

    internal void End() => _lost.Cancel();
}
