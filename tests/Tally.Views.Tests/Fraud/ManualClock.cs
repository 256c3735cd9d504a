namespace Tally.Views.Tests.Fraud;

/// <summary>A clock the test moves: only retention reads it.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
