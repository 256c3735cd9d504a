namespace Tally.Bench.Protocol;

public sealed record CreatePollRequest(string Title, IReadOnlyList<OptionText> Options, IReadOnlyList<string> Regions, PollSettingsBody Settings);

public sealed record OptionText(string Text);

public sealed record PollSettingsBody(string ResultsVisibility, bool AllowVoteChange);
