namespace Tally.Bench.Load;

public enum Outcome
{
    Success,
    Failure,

    /// <summary>The operation had nothing left to send (no unused voter); the phase ends here.</summary>
    Exhausted,
}
