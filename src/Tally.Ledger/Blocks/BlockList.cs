using Tally.Ledger.Stores;

namespace Tally.Ledger.Blocks;

/// <summary>
/// This node's copy of the blocks in force, so the vote path judges blocks without a database round trip. Replaced
/// whole from <see cref="IBlockStore.ReadInForceAsync"/>: by <see cref="BlockListRefresher"/> on a timer, and at once by
/// the node that places or lifts a block.
/// </summary>
public sealed class BlockList(IBlockStore store, TimeProvider clock)
{
    // One refresh at a time, so a read begun before a block was placed can never land after the read that includes it.
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile BlocksInForce _current = BlocksInForce.Empty;

    public BlocksInForce Current => _current;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _current = new BlocksInForce(await store.ReadInForceAsync(clock.GetUtcNow(), ct).ConfigureAwait(false));
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
