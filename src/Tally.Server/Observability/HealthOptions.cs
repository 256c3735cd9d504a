using System.ComponentModel.DataAnnotations;

namespace Tally.Server.Observability;

/// <summary>Bound from <c>Tally:Health</c>; checked at start against its annotations.</summary>
public sealed class HealthOptions
{
    public const string Section = "Tally:Health";

    /// <summary>Most committed events the views may trail the ledger by while <c>/health/ready</c> still says ready.</summary>
    [Range(0, long.MaxValue, ErrorMessage = Section + ":ReadyMaxEventsBehind must be 0 or more.")]
    public long ReadyMaxEventsBehind { get; set; } = 10_000;
}
