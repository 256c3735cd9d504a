using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tally.Ledger.Blocks;

/// <summary>Reloads <see cref="BlockList"/> at start and every <see cref="BlockOptions.Refresh"/>; a failed read keeps the copy it has.</summary>
public sealed class BlockListRefresher(BlockList blocks, IOptions<BlockOptions> options, TimeProvider clock, ILogger<BlockListRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Refresh, clock);
        try
        {
            do
            {
                try
                {
                    await blocks.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.BlockRefreshFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
