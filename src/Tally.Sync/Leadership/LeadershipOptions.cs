using System.ComponentModel.DataAnnotations;

namespace Tally.Sync.Leadership;

/// <summary>
/// Bound from <c>Tally:Sync:Leadership</c>; used when the ledger is PostgreSQL and the views are in Redis, checked at
/// start against its annotations.
/// </summary>
public sealed class LeadershipOptions
{
    public const string Section = "Tally:Sync:Leadership";

    /// <summary>
    /// The lock every node of one ledger contends for (a PostgreSQL advisory lock key). A constant ("TALLYPRQ" in
    /// ASCII) so nodes agree without coordination; change it only to run two independent projector groups on one database.
    /// </summary>
    public long LockKey { get; set; } = 0x54414C4C_59505251;

    /// <summary>How often a follower tries to take the lock.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":TryInterval must be positive and at most 01:00:00.")]
    public TimeSpan TryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the leader checks its lock's session is still alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":CheckInterval must be positive and at most 01:00:00.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one liveness check; a session that does not answer in time is treated as lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":CheckTimeout must be positive and at most 01:00:00.")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a follower re-reads the applied checkpoints from Redis when no change announcement woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":FollowInterval must be positive and at most 01:00:00.")]
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a follower reads the ledger's head for its lag figures.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":LedgerHeadInterval must be positive and at most 01:00:00.")]
    public TimeSpan LedgerHeadInterval { get; set; } = TimeSpan.FromSeconds(1);
}
