using Tally.Domain.Events;

namespace Tally.Views.Catalog;

/// <summary>The one place that says what each event changes in the catalogue, whichever store holds it.</summary>
internal static class PollCatalogReducer
{
    public static void Apply(StoredEvent stored, IPollCatalogSink sink)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                sink.Add(poll, stored.Sequence, TitleWords.IndexedPrefixes(poll.Title), TitleWords.LongWords(poll.Title));
                break;
            case PollClosed closed:
                sink.Close(closed.PollId, closed.ClosedAt);
                break;
        }
    }
}
