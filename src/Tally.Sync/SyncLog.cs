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

    [LoggerMessage(3005, LogLevel.Warning, "Projection {Projection} is at sequence {Checkpoint}, above the ledger's head {Head}: its views belong to a ledger that lost events; rebuilding it from the start")]
    public static partial void CheckpointAboveLedgerHead(this ILogger logger, string projection, long checkpoint, long head);

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
