namespace Tally.Domain.Commands;

public sealed record RetractVote(Guid PollId, string VoterId, ClientInfo Client);
