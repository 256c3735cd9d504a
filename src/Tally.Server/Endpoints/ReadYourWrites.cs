using Microsoft.Extensions.Options;
using Tally.Views.Progress;

namespace Tally.Server.Endpoints;

/// <summary>Lets a reader ask for views that include a given sequence (their own vote), waiting a bounded time for the projector.</summary>
public sealed class ReadYourWrites(ViewProgress progress, ViewsState state, IOptions<ReadOptions> options)
{
    /// <returns>null when no sequence was asked for; otherwise whether the views reached it in time.</returns>
    public async Task<bool?> WaitAsync(long? minSequence, CancellationToken ct)
    {
        if (minSequence is not { } sequence)
        {
            return null;
        }
        // Views being rebuilt hold only part of the log, whatever sequence they reached before.
        return await progress.WaitForAsync(sequence, options.Value.MinSequenceWait, ct) && !state.Rebuilding;
    }

    /// <summary>For commands whose author reads right after: the poll they created or closed shows at once.</summary>
    public Task WaitForOwnWriteAsync(long sequence, CancellationToken ct) => progress.WaitForAsync(sequence, options.Value.MinSequenceWait, ct);
}
