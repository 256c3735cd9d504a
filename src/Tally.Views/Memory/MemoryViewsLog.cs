using Microsoft.Extensions.Logging;

namespace Tally.Views.Memory;

/// <summary>Everything the memory views log, with its event ids (2100–2199).</summary>
internal static partial class MemoryViewsLog
{
    [LoggerMessage(2100, LogLevel.Information, "Memory views loaded from snapshot {Path} at sequence {Checkpoint} in {ElapsedMs} ms")]
    public static partial void SnapshotLoaded(this ILogger logger, string path, long checkpoint, long elapsedMs);

    [LoggerMessage(2101, LogLevel.Warning, "Memory views snapshot {Path} cannot be used ({Reason}); the views replay the whole log")]
    public static partial void SnapshotUnusable(this ILogger logger, string path, string reason);

    [LoggerMessage(2102, LogLevel.Information, "Memory views snapshot written to {Path} at sequence {Checkpoint}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void SnapshotWritten(this ILogger logger, string path, long checkpoint, long bytes, long elapsedMs);

    [LoggerMessage(2103, LogLevel.Warning, "Memory views snapshot at sequence {Checkpoint} could not be written to {Path}; the last one stays")]
    public static partial void SnapshotNotWritten(this ILogger logger, Exception exception, string path, long checkpoint);
}
