namespace Tally.Views.Heatmap;

public interface IHeatmapView
{
    ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct);
}
