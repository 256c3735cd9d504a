namespace Tally.Sync.Leadership;

/// <summary>Bound from <c>Tally:Sync:Leadership</c>; used when the ledger is PostgreSQL and the views are in Redis.</summary>
public sealed class LeadershipOptions
{
    public const string Section = "Tally:Sync:Leadership";

    /// <summary>
    /// The advisory lock key every node of one ledger contends for. A constant ("TALLYPRQ" in ASCII) so nodes agree
    /// without coordination; change it only to run two independent projector groups on one database.
    /// </summary>
    public long LockKey { get; set; } = 0x54414C4C_59505251;

    /// <summary>How often a follower tries to take the lock.</summary>
    public TimeSpan TryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the leader checks its lock's session is still alive.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one liveness check; a session that does not answer in time is treated as lost.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a follower re-reads the applied checkpoints from Redis when no change announcement woke it.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a follower reads the ledger's head for its lag figures.</summary>
    public TimeSpan LedgerHeadInterval { get; set; } = TimeSpan.FromSeconds(1);
}
