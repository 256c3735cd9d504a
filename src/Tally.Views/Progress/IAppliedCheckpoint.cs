namespace Tally.Views.Progress;

/// <summary>How far the leader has applied views every node shares, as a node that does not lead reads it.</summary>
public interface IAppliedCheckpoint
{
    /// <summary>Every view holds everything up to this sequence.</summary>
    Task<long> ReadAsync();

    /// <summary>Completes at the next change announcement from any node; not every applied chunk is announced.</summary>
    Task NextAnnouncement { get; }
}
