using Microsoft.Extensions.Logging;

namespace Tally.Ledger.Diagnostics;

/// <summary>The write side's log messages; event ids 1000–1999.</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "A batch of {Count} votes failed to commit")]
    public static partial void BatchFailed(this ILogger logger, Exception error, int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "A batch of {Count} votes was refused by the ledger; retrying its votes one by one")]
    public static partial void BatchRefused(this ILogger logger, Exception cause, int count);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "{Count} committed votes could not be made durable")]
    public static partial void NotDurable(this ILogger logger, Exception error, int count);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Commit listener connection failed ({Failures} in a row); reconnecting in {Backoff}")]
    public static partial void ListenerFailed(this ILogger logger, Exception error, int failures, TimeSpan backoff);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Commit listener reconnected after {Failures} failures; committed head is {Head}")]
    public static partial void ListenerReconnected(this ILogger logger, int failures, long head);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Commit listener listening on {Channel}; committed head is {Head}")]
    public static partial void ListenerListening(this ILogger logger, string channel, long head);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Ignored a notification on {Channel} with payload {Payload}")]
    public static partial void ListenerIgnoredNotification(this ILogger logger, string channel, string payload);
}
