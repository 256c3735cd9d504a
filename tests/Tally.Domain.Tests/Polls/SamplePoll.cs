using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

/// <summary>Polls as the ledger would hold them, for rules that take a <see cref="Poll"/>.</summary>
internal static class SamplePoll
{
    public static readonly DateTimeOffset CreatedAt = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Open forever, three options, no regions.</summary>
    public static Poll Open() => new(
        Guid.CreateVersion7(CreatedAt),
        "owner-1",
        "Lunch?",
        null,
        [new PollOption(1, "Pizza"), new PollOption(2, "Sushi"), new PollOption(3, "Salad")],
        [],
        null,
        null,
        new PollSettings(ResultsVisibility.Live, AllowVoteChange: true),
        CreatedAt,
        null);

    public static Poll WithRegions(params string[] regions) => Open() with { Regions = regions };
}
