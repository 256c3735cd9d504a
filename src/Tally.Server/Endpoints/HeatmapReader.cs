using Tally.Server.Contracts;
using Tally.Views;
using Tally.Views.Heatmap;
using Tally.Views.Results;

namespace Tally.Server.Endpoints;

/// <summary>A poll's votes by region and option, as GET …/heatmap and the live stream send them.</summary>
public sealed class HeatmapReader([FromKeyedServices(ViewsRegistration.ReadPath)] IHeatmapView heatmaps)
{
    /// <param name="poll">The tally the caller was found allowed to see (<see cref="ResultsReader"/>).</param>
    /// <param name="sequence">The checkpoint read before it.</param>
    public async Task<HeatmapResponse> ReadAsync(PollResults poll, long sequence, CancellationToken ct)
    {
        var heatmap = await heatmaps.GetAsync(poll.PollId, ct);
        var regions = heatmap?.Regions.Select(r => new RegionResult(
            r.Region,
            r.Total,
            r.Votes.Select((votes, i) => new RegionOptionResult(i + 1, votes)).ToArray())).ToArray() ?? [];
        return new HeatmapResponse(poll.PollId, sequence, poll.Options.Select(o => new OptionResponse(o.Id, o.Text)).ToArray(), regions);
    }
}
