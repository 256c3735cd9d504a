namespace Tally.Bench.VoteInsert;

/// <summary>
/// Makes the batches: one poll, fresh voters, and 2% of rows re-voting for a voter an earlier batch already inserted, so
/// ON CONFLICT finds a live vote and skips the row (the path the ledger takes for "already voted").
/// </summary>
public sealed class BatchSource
{
    private const double DuplicateShare = 0.02;
    private static readonly string[] Regions = ["north", "south"];

    // Fixed seed: two runs make the same batches, so run-to-run differences are the machine's, not the data's.
    private readonly Random _random = new(20240611);
    private readonly Guid _pollId = Guid.CreateVersion7();
    private long _nextVoter;
    private long _firstVoterOfTable;
    private long _rowsMade;
    private long _duplicatesMade;

    /// <summary>Called when vote_records is emptied: earlier voters are gone, so they can no longer be duplicated.</summary>
    public void TableEmptied()
    {
        _firstVoterOfTable = _nextVoter;
        _rowsMade = 0;
        _duplicatesMade = 0;
    }

    public Batch Next(int size)
    {
        // Voters handed out before this batch are all committed: one batch is in flight at a time.
        var committedVoters = _nextVoter - _firstVoterOfTable;
        // Carry the 2% from batch to batch, so a 32-row batch gets 0 or 1 duplicate and the overall share is exactly 2%.
        _rowsMade += size;
        var duplicates = committedVoters == 0
            ? 0
            : (int)Math.Min(Math.Floor(_rowsMade * DuplicateShare) - _duplicatesMade, Math.Min(size, committedVoters));
        _duplicatesMade += duplicates;

        var rows = new VoteRow[size];
        var duplicated = new HashSet<long>();
        for (var n = 0; n < size; n++)
        {
            long voter;
            if (n < duplicates)
            {
                // Distinct within the batch: the ledger never sends the same (poll, voter) twice in one insert.
                do
                {
                    voter = _firstVoterOfTable + _random.NextInt64(committedVoters);
                }
                while (!duplicated.Add(voter));
            }
            else
            {
                voter = _nextVoter++;
            }
            rows[n] = new VoteRow(
                Guid.CreateVersion7(),
                _pollId,
                $"voter-{voter}",
                _random.Next(1, 5),
                Regions[_random.Next(Regions.Length)],
                "198.51.100.7",
                "bench/1.0");
        }
        // The ledger inserts in (poll, voter) order so concurrent writers take index entries in the same order; do the same.
        Array.Sort(rows, static (a, b) =>
        {
            var byPoll = a.PollId.CompareTo(b.PollId);
            return byPoll != 0 ? byPoll : string.CompareOrdinal(a.VoterId, b.VoterId);
        });
        return new Batch(rows, size - duplicates, DateTimeOffset.UtcNow.UtcTicks);
    }
}
