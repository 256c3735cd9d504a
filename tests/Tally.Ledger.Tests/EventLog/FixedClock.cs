namespace Tally.Ledger.Tests.EventLog;

/// <summary>A clock that always reads <paramref name="now"/>, so two ledgers record the same instants; timers stay real.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
