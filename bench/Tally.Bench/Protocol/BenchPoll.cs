namespace Tally.Bench.Protocol;

/// <summary>The one poll every run votes in: four options, four regions, results readable by voters while live.</summary>
public static class BenchPoll
{
    public static readonly IReadOnlyList<string> Regions = ["north", "south", "east", "west"];

    public static CreatePollRequest Request { get; } = new(
        "Bench",
        [new("A"), new("B"), new("C"), new("D")],
        Regions,
        new PollSettingsBody("live", AllowVoteChange: false));
}
