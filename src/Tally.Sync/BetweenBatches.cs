using System.Threading.Channels;

namespace Tally.Sync;

/// <summary>
/// Work that must see the live views standing still — a shadow's last catch-up and swap, a reconciliation's read of
/// the views, a poll's repair — handed to the projection daemon, which runs it between two batches, when every view is
/// at the same checkpoint and nothing applies. Only the leading node's daemon runs it.
/// </summary>
public sealed class BetweenBatches
{
    private readonly Channel<Func<long, CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<long, CancellationToken, Task>>();
    private volatile bool _viewsLost;

    /// <summary>
    /// Runs <paramref name="work"/> with the views' checkpoint, at the daemon's next pause; its answer, or its exception,
    /// comes back here.
    /// </summary>
    public Task<T> RunAsync<T>(Func<long, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(async (checkpoint, daemonCt) =>
        {
            if (ct.IsCancellationRequested)
            {
                answer.TrySetCanceled(ct);
                return;
            }
            try
            {
                answer.TrySetResult(await work(checkpoint, daemonCt).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                answer.TrySetException(ex);
            }
        });
        return answer.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Someone other than the daemon (reconciliation) found the views' stamp gone from their store: the daemon checks the
    /// views against the ledger and starts them over at its next step.
    /// </summary>
    public void ReportViewsLost()
    {
        _viewsLost = true;
        _work.Writer.TryWrite(static (_, _) => Task.CompletedTask);
    }

    /// <summary>True once after <see cref="ReportViewsLost"/>.</summary>
    internal bool TakeViewsLost()
    {
        if (!_viewsLost)
        {
            return false;
        }
        _viewsLost = false;
        return true;
    }

    /// <summary>Completes when work is waiting, so an idle daemon wakes for it.</summary>
    internal Task WorkWaitingAsync(CancellationToken ct) => _work.Reader.WaitToReadAsync(ct).AsTask();

    /// <summary>Runs everything waiting, in order; the daemon calls this only between batches.</summary>
    internal async Task RunWaitingAsync(long checkpoint, CancellationToken ct)
    {
        while (_work.Reader.TryRead(out var work))
        {
            await work(checkpoint, ct).ConfigureAwait(false);
        }
    }
}
