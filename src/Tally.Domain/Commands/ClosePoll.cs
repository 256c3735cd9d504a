namespace Tally.Domain.Commands;

public sealed record ClosePoll(Guid PollId, string RequestedBy);
