using Microsoft.Extensions.Logging;

namespace Tally.Sync;

/// <summary>Everything the sync layer logs, with its event ids (3000–3999).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(3000, LogLevel.Information, "Projection daemon starts applying with epoch {Epoch}")]
    public static partial void DaemonLeads(this ILogger logger, long? epoch);

    [LoggerMessage(3001, LogLevel.Information, "Projection daemon stopped applying: epoch {Epoch} is over")]
    public static partial void DaemonTermOver(this ILogger logger, long? epoch);

    [LoggerMessage(3002, LogLevel.Information, "Projection daemon resuming after sequence {Position}; ledger is at {Head}")]
    public static partial void DaemonResumes(this ILogger logger, long position, long head);

    [LoggerMessage(3003, LogLevel.Warning, "Projection daemon was fenced at sequence {Sequence}; dropping back to follower")]
    public static partial void DaemonFenced(this ILogger logger, Exception exception, long sequence);

    [LoggerMessage(3004, LogLevel.Error, "Projection daemon failed at sequence {Sequence}; retrying from the checkpoints")]
    public static partial void DaemonFailed(this ILogger logger, Exception exception, long sequence);

    [LoggerMessage(3006, LogLevel.Warning, "The views are not this ledger's as it is now: {Reason}. Starting them over from the log (generation {Generation} dropped; ledger head {Head}); reads answer VIEWS_REBUILDING until they catch up")]
    public static partial void ViewsStartOver(this ILogger logger, string reason, Guid? generation, long head);

    [LoggerMessage(3007, LogLevel.Information, "The rebuilt views reached the ledger's head {Head}: serving them again")]
    public static partial void ViewsCurrentAgain(this ILogger logger, long head);

    [LoggerMessage(3008, LogLevel.Warning, "A write found the views' generation gone from their store at sequence {Sequence}; checking them against the ledger")]
    public static partial void ViewsLost(this ILogger logger, Exception exception, long sequence);

    [LoggerMessage(3300, LogLevel.Information, "Shadow rebuild of {Projection} swapped in at sequence {Sequence}: {Polls} polls, {Cells} cells matched the ledger")]
    public static partial void RebuildSwapped(this ILogger logger, string projection, long sequence, int polls, int cells);

    [LoggerMessage(3301, LogLevel.Warning, "Shadow rebuild of {Projection} differed from the ledger at sequence {Sequence} in {Mismatches} cells: the live view stays")]
    public static partial void RebuildMismatched(this ILogger logger, string projection, long sequence, int mismatches);

    [LoggerMessage(3302, LogLevel.Error, "Shadow rebuild of {Projection} failed: the live view stays")]
    public static partial void RebuildFailed(this ILogger logger, Exception exception, string projection);

    [LoggerMessage(3400, LogLevel.Information, "Reconciled {Polls} open polls ({Cells} cells) with the ledger at sequence {Sequence}: {Drifted} drifted, in {Took}")]
    public static partial void Reconciled(this ILogger logger, long sequence, int polls, int cells, int drifted, TimeSpan took);

    [LoggerMessage(3401, LogLevel.Warning, "Poll {PollId}'s views differ from the ledger at sequence {Sequence} in {Cells} cells; rebuilding them from its events")]
    public static partial void DriftFound(this ILogger logger, Guid pollId, long sequence, int cells);

    [LoggerMessage(3402, LogLevel.Information, "Poll {PollId}'s views were rebuilt from its events")]
    public static partial void PollRepaired(this ILogger logger, Guid pollId);

    [LoggerMessage(3403, LogLevel.Error, "Poll {PollId}'s views could not be rebuilt")]
    public static partial void PollRepairFailed(this ILogger logger, Exception exception, Guid pollId);

    [LoggerMessage(3404, LogLevel.Warning, "Reconciliation found no stamp in the views' store: it lost its data; the views start over")]
    public static partial void ReconcileFoundViewsLost(this ILogger logger);

    [LoggerMessage(3405, LogLevel.Error, "Reconciliation failed")]
    public static partial void ReconcileFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3406, LogLevel.Error, "Poll {PollId}'s drift could not be written to the audit trail")]
    public static partial void DriftNotAudited(this ILogger logger, Exception exception, Guid pollId);

    [LoggerMessage(3410, LogLevel.Information, "Fraud review forgot the addresses and user agents of {Polls} polls past the retention")]
    public static partial void FraudRetentionSwept(this ILogger logger, int polls);

    [LoggerMessage(3411, LogLevel.Error, "The fraud retention sweep failed")]
    public static partial void FraudRetentionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3100, LogLevel.Warning, "Leader election connection failed; contending again in {Delay}")]
    public static partial void ElectionFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3101, LogLevel.Information, "This node now leads the projectors with epoch {Epoch} ({Holder})")]
    public static partial void ElectionWon(this ILogger logger, long epoch, string holder);

    [LoggerMessage(3102, LogLevel.Warning, "Epoch {Epoch} was superseded: another node leads; giving up the lock")]
    public static partial void ElectionSuperseded(this ILogger logger, long epoch);

    [LoggerMessage(3103, LogLevel.Information, "This node no longer leads the projectors")]
    public static partial void ElectionLost(this ILogger logger);

    [LoggerMessage(3200, LogLevel.Warning, "Could not read the leader's progress; retrying in {Delay}")]
    public static partial void FollowFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3500, LogLevel.Warning, "The views are {Behind} ({Events} events) behind the ledger, more than the warning threshold {Threshold}")]
    public static partial void LagAboveWarning(this ILogger logger, TimeSpan behind, long events, TimeSpan threshold);

    [LoggerMessage(3501, LogLevel.Information, "The views are back within {Threshold} of the ledger ({Behind} behind)")]
    public static partial void LagBackUnderWarning(this ILogger logger, TimeSpan behind, TimeSpan threshold);
}
