using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Handlers;

/// <summary>Closes a poll early. Only its owner may.</summary>
public sealed class ClosePollHandler(IPollStore store, PollDirectory directory)
{
    public async Task<Outcome<ClosedPoll>> HandleAsync(ClosePoll command, CancellationToken ct)
    {
        var poll = await directory.FindAsync(command.PollId, ct).ConfigureAwait(false);
        if (CloseJudge.Check(poll, command.RequestedBy) is { } refusal)
        {
            return refusal;
        }
        var outcome = await store.CloseAsync(command.PollId, command.RequestedBy, ct).ConfigureAwait(false);
        if (outcome.Value is { } closed)
        {
            directory.Remember(closed.Poll);
        }
        return outcome;
    }
}
