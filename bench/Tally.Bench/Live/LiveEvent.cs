namespace Tally.Bench.Live;

/// <summary>The three events a live stream sends per change, as indices into a viewer's counters.</summary>
public enum LiveEvent
{
    Results,
    Heatmap,
    Delta,
}
