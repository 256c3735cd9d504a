using System.ComponentModel.DataAnnotations;

namespace Tally.Server.Admin;

/// <summary>The host's share of <c>Tally:Fraud</c> (the fraud projection binds its own keys there); checked at start against its annotations.</summary>
public sealed class FraudReviewOptions
{
    public const string Section = "Tally:Fraud";

    /// <summary>Most votes one bulk retraction may retract; a larger selection is refused whole (SELECTION_TOO_LARGE), to be narrowed by time.</summary>
    [Range(1, 10_000_000, ErrorMessage = Section + ":MaxRetractionVotes must be from 1 to 10000000.")]
    public int MaxRetractionVotes { get; set; } = 100_000;

    /// <summary>Exports a node streams at once; one more is refused with 429, as an export reads every vote of its poll.</summary>
    [Range(1, 64, ErrorMessage = Section + ":MaxConcurrentExports must be from 1 to 64.")]
    public int MaxConcurrentExports { get; set; } = 2;

    /// <summary>Suspicious-cluster queries a node answers at once; one more is refused with 429.</summary>
    [Range(1, 64, ErrorMessage = Section + ":MaxConcurrentQueries must be from 1 to 64.")]
    public int MaxConcurrentQueries { get; set; } = 2;
}
