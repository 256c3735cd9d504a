using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Judging;

/// <summary>
/// What closing a poll does: refuse (<see cref="Refusal"/>), or answer with <see cref="Poll"/> — after writing
/// <see cref="Event"/>, or, when that is null, writing nothing because the poll is closed already.
/// </summary>
public sealed record CloseVerdict(Rejection? Refusal, Poll? Poll, PollClosed? Event);
