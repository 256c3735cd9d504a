using System.Collections.Concurrent;
using Tally.Domain.Polls;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Handlers;

/// <summary>
/// The write side's cache of poll definitions, so validating a ballot costs no query.
/// It may lag another process's close; the vote store re-checks the poll's state inside the committing transaction.
/// </summary>
public sealed class PollDirectory(IPollStore polls)
{
    private readonly ConcurrentDictionary<Guid, Poll> _cache = new();

    public async ValueTask<Poll?> FindAsync(Guid pollId, CancellationToken ct)
    {
        if (_cache.TryGetValue(pollId, out var poll))
        {
            return poll;
        }
        poll = await polls.FindAsync(pollId, ct).ConfigureAwait(false);
        if (poll is not null)
        {
            _cache[pollId] = poll;
        }
        return poll;
    }

    public void Remember(Poll poll) => _cache[poll.Id] = poll;
}
