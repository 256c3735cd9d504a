using Microsoft.Extensions.Options;
using Tally.Views.Progress;

namespace Tally.Server.Endpoints;

/// <summary>Lets a reader ask for views that include a given sequence (their own vote), waiting a bounded time for the projector.</summary>
public sealed class ReadYourWrites(ViewProgress progress, IOptions<ReadOptions> options)
{
    /// <returns>null when no sequence was asked for; otherwise whether the views reached it in time.</returns>
    public async Task<bool?> WaitAsync(long? minSequence, CancellationToken ct)
    {
        if (minSequence is not { } sequence)
        {
            return null;
        }
        return await progress.WaitForAsync(sequence, options.Value.MinSequenceWait, ct);
    }

    /// <summary>For commands whose author reads right after: the poll they created or closed shows at once.</summary>
    public Task WaitForOwnWriteAsync(long sequence, CancellationToken ct) => progress.WaitForAsync(sequence, options.Value.MinSequenceWait, ct);
}

/// <summary>Bound from <c>Tally:Reads</c>.</summary>
public sealed class ReadOptions
{
    public const string Section = "Tally:Reads";

    /// <summary>The longest a read with <c>min_sequence</c> waits before answering with what it has.</summary>
    public TimeSpan MinSequenceWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Least time between two messages on one live stream.</summary>
    public TimeSpan LiveMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A live stream with no change resends the current results this often, which keeps proxies from closing it.</summary>
    public TimeSpan LiveKeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
