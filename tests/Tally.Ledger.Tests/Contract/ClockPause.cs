namespace Tally.Ledger.Tests.Contract;

/// <summary>One reading of a <see cref="PausableClock"/> held until released.</summary>
public sealed class ClockPause : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    /// <summary>Completes once a caller has read the time and is being held.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }

    internal void Hold()
    {
        _reached.TrySetResult();
        // Bounded, so a test that forgets to release fails instead of hanging.
        _released.Wait(Limit);
    }
}
