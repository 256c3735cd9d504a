namespace Tally.Views.Progress;

/// <summary>
/// Whether the views may be served as current. While they are rebuilt from the start of the log (found to belong to
/// another state of the ledger, or lost), they hold only part of it: reads are refused rather than answered wrong.
/// </summary>
public sealed class ViewsState
{
    private volatile Rebuild? _rebuild;

    private sealed record Rebuild(string Reason, long Target);

    public bool Rebuilding => _rebuild is not null;

    /// <summary>Why the views are being rebuilt; null while they are current.</summary>
    public string? RebuildReason => _rebuild?.Reason;

    /// <summary>The views stop being current until they reach <paramref name="target"/> (the ledger's head when it began).</summary>
    public void StartRebuild(string reason, long target) => _rebuild = new Rebuild(reason, target);

    /// <summary>Called as the views move: they are current again once the rebuild reached its target.</summary>
    public void Reached(long sequence)
    {
        if (_rebuild is { } rebuild && sequence >= rebuild.Target)
        {
            _rebuild = null;
        }
    }
}
