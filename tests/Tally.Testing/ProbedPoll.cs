namespace Tally.Testing;

/// <summary>A poll row as stored.</summary>
public sealed record ProbedPoll(Guid PollId, string Title, bool IsClosed);
