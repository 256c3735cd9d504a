using Tally.Domain.Events;

namespace Tally.Views.Heatmap;

/// <summary>The one place that says what each event changes in the heatmap, whichever store holds it.</summary>
internal static class HeatmapReducer
{
    public static void Apply(StoredEvent stored, IHeatmapSink sink)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                sink.Start(poll.Id, poll.Options.Count, poll.Regions);
                break;
            // A vote without a region is on no map; a retraction takes the vote back where it was cast, a reinstatement puts it back.
            case VoteCast { Region: { } region } cast:
                sink.Count(cast.PollId, region, cast.OptionId, +1);
                break;
            case VoteRetracted { Region: { } region } retracted:
                sink.Count(retracted.PollId, region, retracted.OptionId, -1);
                break;
            case VoteReinstated { Region: { } region } reinstated:
                sink.Count(reinstated.PollId, region, reinstated.OptionId, +1);
                break;
        }
    }
}
