using Tally.Domain.Polls;

namespace Tally.Views.Catalog;

public sealed record PollPage(IReadOnlyList<Poll> Polls, int Page, int PageSize, int Total);
