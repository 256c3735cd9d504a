using Tally.Domain.Polls;

namespace Tally.Views.Catalog;

/// <summary>What <see cref="PollCatalogReducer"/> tells a catalogue store to do; the store only holds polls and index entries.</summary>
internal interface IPollCatalogSink
{
    /// <summary>
    /// Lists a poll as the newest (created by the event at <paramref name="sequence"/>), found by its owner and by each of
    /// <paramref name="wordPrefixes"/>; <paramref name="longWords"/> are its title words longer than an indexed prefix.
    /// </summary>
    void Add(Poll poll, long sequence, IReadOnlySet<string> wordPrefixes, IReadOnlyList<string> longWords);

    /// <summary>A poll the store knows closed at <paramref name="closedAt"/>; an unknown poll stays unknown.</summary>
    void Close(Guid pollId, DateTimeOffset closedAt);
}
