using Tally.Views.Progress;

namespace Tally.Sync;

/// <summary>How far the views trail the ledger, in events and in time.</summary>
public sealed class SyncLag(ViewProgress progress, TimeProvider clock)
{
    private long _ledgerSequence;
    private long _oldestPendingTicks;

    /// <summary>The highest committed sequence the daemon knows of.</summary>
    public long LedgerSequence => Volatile.Read(ref _ledgerSequence);

    public long AppliedSequence => progress.AppliedSequence;

    public DateTimeOffset AppliedEventTime => progress.AppliedEventTime;

    public long EventsBehind => Math.Max(0, LedgerSequence - AppliedSequence);

    /// <summary>Age of the oldest committed event not yet applied; zero when caught up.</summary>
    public TimeSpan TimeBehind
    {
        get
        {
            var ticks = Volatile.Read(ref _oldestPendingTicks);
            return EventsBehind == 0 || ticks == 0 ? TimeSpan.Zero : clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The last measured delay from commit to applied, for the event that closed the latest batch.</summary>
    public TimeSpan LastApplyDelay { get; private set; }

    internal void SawLedgerAt(long sequence)
    {
        if (sequence > LedgerSequence)
        {
            Volatile.Write(ref _ledgerSequence, sequence);
        }
    }

    /// <summary>The head as read from the ledger, which may be below what was seen before (a ledger restored from a copy).</summary>
    internal void LedgerHeadIs(long sequence) => Volatile.Write(ref _ledgerSequence, sequence);

    internal void Reading(DateTimeOffset oldestPending) => Volatile.Write(ref _oldestPendingTicks, oldestPending.UtcTicks);

    internal void Applied(DateTimeOffset lastEventCommittedAt) => LastApplyDelay = clock.GetUtcNow() - lastEventCommittedAt;
}
