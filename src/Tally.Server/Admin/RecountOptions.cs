using System.ComponentModel.DataAnnotations;

namespace Tally.Server.Admin;

/// <summary>Bound from <c>Tally:Recounts</c>; checked at start against its annotations.</summary>
public sealed class RecountOptions
{
    public const string Section = "Tally:Recounts";

    /// <summary>Recounts running at once on this node; one more is refused with 429, as a recount reads every vote of its slice.</summary>
    [Range(1, 64, ErrorMessage = Section + ":MaxConcurrent must be from 1 to 64.")]
    public int MaxConcurrent { get; set; } = 2;
}
