using System.Text.Json;

namespace Tally.Ledger.Recounts;

/// <summary>
/// A recount as kept in the ledger: the ledger's count of a slice, what the views hold for it when one can say
/// (<see cref="Views"/>, else null and <see cref="ViewsNote"/> says why), and per option the ledger's count minus the
/// views'. A recount reads; it never changes a vote or a counter.
/// </summary>
public sealed record RecountReport(
    Guid RecountId,
    Guid PollId,
    RecountSlice Slice,
    LedgerCount Ledger,
    ViewsCount? Views,
    string? ViewsNote,
    IReadOnlyList<OptionVotes>? Differences,
    long ElapsedMs,
    string RequestedBy,
    DateTimeOffset RequestedAt)
{
    public const string NoViewForSlice = "Views cannot answer this slice: no view keeps votes by the time they were recorded.";

    public const string ViewsBehind = "Views cannot answer now: they did not reach the ledger's sequence in time.";

    /// <param name="views">The answering view's counts, or null when it could not answer.</param>
    public static RecountReport Build(Guid recountId, Guid pollId, RecountSlice slice, LedgerCount ledger, ViewsCount? views,
        TimeSpan elapsed, string requestedBy, DateTimeOffset requestedAt)
    {
        var note = views is not null ? null : slice.AnsweringView is null ? NoViewForSlice : ViewsBehind;
        var differences = views is null
            ? null
            : ledger.Options.Select(o => new OptionVotes(o.OptionId, o.Votes - VotesOf(views, o.OptionId))).ToList();
        return new RecountReport(recountId, pollId, slice, ledger, views, note, differences,
            (long)elapsed.TotalMilliseconds, requestedBy, requestedAt);
    }

    public string ToJson() => JsonSerializer.Serialize(this, RecountJsonContext.Default.RecountReport);

    public static RecountReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, RecountJsonContext.Default.RecountReport)
        ?? throw new InvalidDataException("A kept recount is empty.");

    private static long VotesOf(ViewsCount views, int optionId) =>
        views.Options.FirstOrDefault(o => o.OptionId == optionId)?.Votes ?? 0;
}
