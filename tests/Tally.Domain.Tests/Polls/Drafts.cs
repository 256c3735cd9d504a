using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

/// <summary>A draft that passes every rule, so each test can break exactly one.</summary>
internal static class Drafts
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static PollDraft Valid() => new(
        "Best editor?",
        "Pick one.",
        ["Vim", "Emacs"],
        ["EU", "US"],
        null,
        null,
        new PollSettings(ResultsVisibility.Live, AllowVoteChange: true));

    public static IReadOnlyList<string> Options(int count) => Enumerable.Range(1, count).Select(i => $"Option {i}").ToArray();

    public static IReadOnlyList<string> Regions(int count) => Enumerable.Range(1, count).Select(i => $"R{i}").ToArray();
}
