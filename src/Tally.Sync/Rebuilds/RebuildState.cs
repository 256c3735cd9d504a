namespace Tally.Sync.Rebuilds;

public enum RebuildState
{
    /// <summary>Replaying the log into the shadow, throttled while votes flow.</summary>
    Replaying,

    /// <summary>Comparing the shadow with the ledger at one sequence.</summary>
    Checking,

    /// <summary>Waiting for the daemon's pause to catch the shadow up and swap it in.</summary>
    Swapping,

    /// <summary>The shadow matched the ledger and serves readers now.</summary>
    Swapped,

    /// <summary>The shadow differed from the ledger: it was dropped and the live view kept.</summary>
    Mismatched,

    /// <summary>The rebuild stopped on an error (or the node stopped leading): the live view was kept.</summary>
    Failed,
}
