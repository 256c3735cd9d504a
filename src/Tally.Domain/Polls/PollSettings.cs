namespace Tally.Domain.Polls;

public sealed record PollSettings(ResultsVisibility ResultsVisibility, bool AllowVoteChange);
