namespace Tally.Domain.Commands;

public sealed record LiftBlock(Guid BlockId, string AdminId, ClientInfo Client);
