using Tally.Domain.Polls;

namespace Tally.Views.Catalog;

public interface IPollCatalogView
{
    ValueTask<Poll?> GetAsync(Guid pollId, CancellationToken ct);

    /// <summary>Newest first; <paramref name="query"/> matches title words, case-insensitively.</summary>
    ValueTask<PollPage> ListAsync(string? query, int page, int pageSize, CancellationToken ct);
}
