using Tally.Domain.Polls;

namespace Tally.Domain.Commands;

public sealed record CreatePoll(string OwnerId, PollDraft Draft);
