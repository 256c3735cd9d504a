namespace Tally.Ledger.Tests.Contract;

/// <summary>
/// The system clock, except that it can hold one caller just after it has read the time — replaying, without any timing,
/// a thread preempted between reading the clock and reaching the ledger — and that it can be stepped, as an NTP
/// correction or a resumed virtual machine steps a real one.
/// </summary>
public sealed class PausableClock : TimeProvider
{
    private ClockPause? _armed;
    private long _offsetTicks;

    /// <summary>Moves the clock by <paramref name="step"/>, back when it is negative; later readings keep the offset.</summary>
    public void Step(TimeSpan step) => Interlocked.Add(ref _offsetTicks, step.Ticks);

    /// <summary>The next caller to read the time is held until <see cref="ClockPause.Release"/>.</summary>
    public ClockPause PauseNextReading()
    {
        var pause = new ClockPause();
        Volatile.Write(ref _armed, pause);
        return pause;
    }

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow() + TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));
        Interlocked.Exchange(ref _armed, null)?.Hold();
        return now;
    }
}
