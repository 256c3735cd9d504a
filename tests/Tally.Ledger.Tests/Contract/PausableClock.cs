namespace Tally.Ledger.Tests.Contract;

/// <summary>
/// The system clock, except that it can hold one caller just after it has read the time — replaying, without any timing,
/// a thread preempted between reading the clock and reaching the ledger — and that it can be stepped, as an NTP
/// correction or a resumed virtual machine steps a real one.
/// </summary>
public sealed class PausableClock : TimeProvider
{
    private Pause? _armed;
    private long _offsetTicks;

    /// <summary>Moves the clock by <paramref name="step"/>, back when it is negative; later readings keep the offset.</summary>
    public void Step(TimeSpan step) => Interlocked.Add(ref _offsetTicks, step.Ticks);

    /// <summary>The next caller to read the time is held until <see cref="Pause.Release"/>.</summary>
    public Pause PauseNextReading()
    {
        var pause = new Pause();
        Volatile.Write(ref _armed, pause);
        return pause;
    }

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow() + TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));
        Interlocked.Exchange(ref _armed, null)?.Hold();
        return now;
    }

    public sealed class Pause : IDisposable
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
}
