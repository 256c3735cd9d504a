namespace Tally.Server.Hosting;

/// <summary>Everything the host logs, with its event ids (4000–4999).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(4000, LogLevel.Warning, "Request {Method} {Path} met a storage outage")]
    public static partial void StorageOutage(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(4001, LogLevel.Error, "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(4100, LogLevel.Warning, "Re-encoded {Count} stored voter ids; rebuild Redis views so voter status follows them")]
    public static partial void VoterIdsReencoded(this ILogger logger, int count);

    [LoggerMessage(4200, LogLevel.Warning, "Redis failed the rate limiter; this node limits on its own for {Interval} before trying Redis again: {Reason}")]
    public static partial void LimiterFallback(this ILogger logger, TimeSpan interval, string reason);
}
