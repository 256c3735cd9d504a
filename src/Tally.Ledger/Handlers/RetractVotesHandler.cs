using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Handlers;

public sealed class RetractVotesHandler(PollDirectory polls, IVoteStore votes)
{
    public async Task<Outcome<BulkRetraction>> HandleAsync(RetractVotes command, CancellationToken ct)
    {
        // A quick refusal from the cache; the store judges again inside its write.
        if (RetractionJudge.CheckByAdmin(await polls.FindAsync(command.PollId, ct).ConfigureAwait(false)) is { } refusal)
        {
            return refusal;
        }
        return await votes.RetractInBulkAsync(command, ct).ConfigureAwait(false);
    }
}
