using Tally.Domain.Ballots;

namespace Tally.Domain.Commands;

/// <summary>Cast a ballot. The idempotency key, when given, makes a retry return the first answer.</summary>
public sealed record CastVote(Ballot Ballot, string? IdempotencyKey, ClientInfo Client);
