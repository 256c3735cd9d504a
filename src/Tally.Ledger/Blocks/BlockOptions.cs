using System.ComponentModel.DataAnnotations;

namespace Tally.Ledger.Blocks;

/// <summary>Bound from <c>Tally:Blocks</c>; checked at start against its annotations.</summary>
public sealed class BlockOptions
{
    public const string Section = "Tally:Blocks";

    /// <summary>How often a node re-reads the blocks in force, so blocks placed or lifted on another node reach it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = Section + ":Refresh must be from 00:00:00.050 to 01:00:00.")]
    public TimeSpan Refresh { get; set; } = TimeSpan.FromSeconds(1);
}
