using Tally.Domain.Polls;

namespace Tally.Views.Catalog;

public interface IPollCatalogView
{
    ValueTask<Poll?> GetAsync(Guid pollId, CancellationToken ct);

    /// <summary>
    /// Newest first; <paramref name="query"/> matches title words, case-insensitively; <paramref name="ownerId"/>, when
    /// given, keeps only the polls that voter created.
    /// </summary>
    ValueTask<PollPage> ListAsync(string? query, string? ownerId, int page, int pageSize, CancellationToken ct);
}
