using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Handlers;

public sealed class CreatePollHandler(IPollStore store, PollDirectory directory, TimeProvider clock)
{
    public async Task<Outcome<CreatedPoll>> HandleAsync(CreatePoll command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var valid = PollRules.Validate(command.Draft, now);
        if (valid.Value is not { } draft)
        {
            return valid.Rejection!;
        }
        var options = new PollOption[draft.Options.Count];
        for (var i = 0; i < options.Length; i++)
        {
            options[i] = new PollOption(i + 1, draft.Options[i]);
        }
        var poll = new Poll(
            Guid.CreateVersion7(now),
            command.OwnerId,
            draft.Title,
            draft.Description,
            options,
            draft.Regions.ToArray(),
            draft.StartTime,
            draft.EndTime,
            draft.Settings,
            now,
            ClosedAt: null);
        var sequence = await store.CreateAsync(poll, ct).ConfigureAwait(false);
        directory.Remember(poll);
        return Outcome<CreatedPoll>.Ok(new CreatedPoll(poll, sequence));
    }
}
