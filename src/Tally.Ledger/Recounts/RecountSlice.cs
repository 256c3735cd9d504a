using System.Text.Json.Serialization;

namespace Tally.Ledger.Recounts;

/// <summary>
/// Which live votes of a poll a recount counts: those in <see cref="Region"/> (every region when null) recorded at or
/// after <see cref="From"/> and before <see cref="To"/> (unbounded when null).
/// </summary>
public sealed record RecountSlice(string? Region, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>
    /// The view that holds this slice's counts: the results view holds only whole polls, the heatmap whole regions;
    /// no view keeps votes by time, so a time slice has none.
    /// </summary>
    [JsonIgnore]
    public RecountView? AnsweringView => (Region, From, To) switch
    {
        (null, null, null) => RecountView.Results,
        (not null, null, null) => RecountView.Heatmap,
        _ => null,
    };
}
