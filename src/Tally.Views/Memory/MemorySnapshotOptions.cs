using System.ComponentModel.DataAnnotations;

namespace Tally.Views.Memory;

/// <summary>Snapshots of the memory views in the data folder. Bound from <c>Tally:Views:Snapshots</c>; checked at start against its annotations.</summary>
public sealed class MemorySnapshotOptions
{
    public const string Section = "Tally:Views:Snapshots";

    /// <summary>Whether the memory views are loaded from a snapshot at start and written to one as they go and at shutdown.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A snapshot is written once the views are this many events past the last one.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = Section + ":EveryEvents must be at least 1.")]
    public long EveryEvents { get; set; } = 100_000;
}
