using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

/// <summary>A draft that passes every rule, so each test can break exactly one.</summary>
internal static class Drafts
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When the drafts are checked: a day before <see cref="Start"/>.</summary>
    public static readonly DateTimeOffset Now = Start.AddDays(-1);

    public static PollDraft Valid() => new(
        "Best editor?",
        "Pick one.",
        ["Vim", "Emacs"],
        ["EU", "US"],
        null,
        null,
        new PollSettings(ResultsVisibility.Live, AllowVoteChange: true));

    /// <summary>The fields <see cref="PollRules.Validate"/> refuses, checked at <see cref="Now"/>; empty when it accepts.</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(PollDraft draft) =>
        PollRules.Validate(draft, Now).Rejection?.Errors ?? new Dictionary<string, string[]>();

    /// <summary>The canonical draft <see cref="PollRules.Validate"/> accepts, checked at <see cref="Now"/>.</summary>
    public static PollDraft Accepted(PollDraft draft) => PollRules.Validate(draft, Now).Value ?? throw new InvalidOperationException(
        "Refused: " + string.Join("; ", Errors(draft).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    public static IReadOnlyList<string> Options(int count) => Enumerable.Range(1, count).Select(i => $"Option {i}").ToArray();

    public static IReadOnlyList<string> Regions(int count) => Enumerable.Range(1, count).Select(i => $"R{i}").ToArray();
}
