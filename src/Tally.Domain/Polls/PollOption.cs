namespace Tally.Domain.Polls;

/// <summary>An answer a voter can pick. Ids are 1-based positions, stable for the poll's life.</summary>
public sealed record PollOption(int Id, string Text);
