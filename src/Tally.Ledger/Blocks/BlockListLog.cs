using Microsoft.Extensions.Logging;

namespace Tally.Ledger.Blocks;

/// <summary>What the block list logs (event ids 1950–1959 of the ledger's range).</summary>
internal static partial class BlockListLog
{
    [LoggerMessage(1950, LogLevel.Warning, "Could not re-read the blocks in force; votes are judged against the copy this node has")]
    public static partial void BlockRefreshFailed(this ILogger logger, Exception exception);
}
