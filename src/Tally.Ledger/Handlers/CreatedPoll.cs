using Tally.Domain.Polls;

namespace Tally.Ledger.Handlers;

public sealed record CreatedPoll(Poll Poll, long Sequence);
