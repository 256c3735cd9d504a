namespace Tally.Views.Delta;

/// <summary>Net votes gained per option between <see cref="From"/> (bucket-aligned) and <see cref="To"/>.</summary>
public sealed record PollDelta(Guid PollId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<long> Votes, long Total);
