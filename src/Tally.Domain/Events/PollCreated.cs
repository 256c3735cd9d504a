using Tally.Domain.Polls;

namespace Tally.Domain.Events;

public sealed record PollCreated(Poll Poll) : LedgerEvent(Poll.Id);
