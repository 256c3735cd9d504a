namespace Tally.Views.VoterStatus;

/// <summary>
/// The voters of one poll and their ballot versions (see <see cref="MemoryBallotTable"/>). Only the daemon writes. When
/// the table is full the writer copies into a new one only the versions still read — each voter's newest, the one
/// readers see as of the batch published last, and the one a snapshot being written reads — dropping voters whose
/// retraction every reader sees, then publishes the new table in one step; readers of the old one still read it whole.
/// </summary>
internal sealed class MemoryPollBallots(MemoryVoterIds voterIds, int capacity = 4)
{
    private MemoryBallotTable _table = new(voterIds, capacity);

    public MemoryBallotEntry? Get(string voterId, long published)
    {
        var table = Volatile.Read(ref _table);
        var slot = table.SlotOf(voterId);
        return slot >= 0 && table.AsOf(slot, published) is { HasBallot: true } entry ? entry : null;
    }

    /// <summary>The voter's newest version, the batch being applied included; only the writer asks.</summary>
    public MemoryBallotEntry? Newest(string voterId) => _table.SlotOf(voterId) is >= 0 and var slot ? _table.Entries[slot] : null;

    /// <summary>Every ballot, live or held back by an admin, as of <paramref name="batch"/>.</summary>
    public IEnumerable<MemoryBallotEntry> Ballots(long batch)
    {
        var table = Volatile.Read(ref _table);
        foreach (var cell in table.Index)
        {
            if (cell > 0 && table.AsOf(cell - 1, batch) is { HasBallot: true } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Writes the voter's ballot (option 0: none; <paramref name="retraction"/> as <see cref="MemoryBallotEntry.Retraction"/>)
    /// as batch <paramref name="batch"/>, the one after <paramref name="published"/>.
    /// </summary>
    public void Write(string voterId, Guid voteId, long votedAtUtcTicks, int optionId, int retraction, long batch, long published, long pinned)
    {
        if (_table.IsFull)
        {
            Compact(published, pinned);
        }
        var table = _table;
        var cell = table.CellOf(voterId);
        var newest = Volatile.Read(ref table.Index[cell]) - 1;
        // A version this batch wrote was never published: the new one replaces it.
        var older = newest < 0 ? MemoryBallotEntry.NoOlder
            : table.Entries[newest].Batch == batch ? table.Entries[newest].Older
            : newest;
        var voter = newest < 0 ? voterIds.Number(voterId) : table.Entries[newest].Voter;
        table.Append(cell, new MemoryBallotEntry(votedAtUtcTicks, batch, voteId, voter, optionId, older, retraction));
    }

    /// <summary>A voter's ballot read from a snapshot, before anything is published.</summary>
    public bool Load(int voter, Guid voteId, long votedAtUtcTicks, int optionId, int retraction)
    {
        var table = _table;
        var cell = table.CellOf(voter);
        if (table.IsFull || table.Index[cell] != 0)
        {
            return false;
        }
        table.Append(cell, new MemoryBallotEntry(votedAtUtcTicks, 0, voteId, voter, optionId, MemoryBallotEntry.NoOlder, retraction));
        return true;
    }

    private void Compact(long published, long pinned)
    {
        var old = _table;
        var kept = new List<int>(3);
        var count = 0;
        foreach (var cell in old.Index)
        {
            count += cell > 0 ? Keep(old, cell - 1, published, pinned, kept) : 0;
        }
        // Room to grow by half again what is kept, so compacting stays rare and cheap per version written.
        var table = new MemoryBallotTable(voterIds, Math.Max(4, count + count / 2 + 1));
        foreach (var cell in old.Index)
        {
            if (cell == 0 || Keep(old, cell - 1, published, pinned, kept) == 0)
            {
                continue;
            }
            var olderSlot = Before(old, kept[^1], pinned < 0 ? published : pinned);
            for (var i = kept.Count - 1; i >= 0; i--)
            {
                table.Entries[table.Count] = old.Entries[kept[i]] with { Older = olderSlot };
                olderSlot = table.Count++;
            }
            table.Index[table.CellOf(old.Entries[kept[0]].Voter)] = olderSlot + 1;
        }
        Volatile.Write(ref _table, table);
    }

    /// <summary>
    /// The slots of the voter's versions still read, newest first: the newest, the one as of <paramref name="published"/>
    /// and the one as of <paramref name="pinned"/> (negative: none). None for a voter whose retraction everyone sees.
    /// </summary>
    private static int Keep(MemoryBallotTable table, int newest, long published, long pinned, List<int> kept)
    {
        kept.Clear();
        var entry = table.Entries[newest];
        if (!entry.HasBallot && entry.Batch <= published && pinned < 0)
        {
            return 0;
        }
        kept.Add(newest);
        AddAsOf(table, newest, published, kept);
        if (pinned >= 0)
        {
            AddAsOf(table, newest, pinned, kept);
        }
        return kept.Count;
    }

    /// <summary>
    /// What the oldest version kept says came before it: nothing, when the voter had no version before it, or none as of
    /// <paramref name="floor"/> (the oldest batch still read in full) because all they had came later; otherwise that
    /// older versions were dropped, which only readers of batches no longer published would have read.
    /// </summary>
    private static int Before(MemoryBallotTable table, int oldestKept, long floor)
    {
        var older = table.Entries[oldestKept].Older;
        if (older == MemoryBallotEntry.NoOlder || table.Entries[oldestKept].Batch <= floor)
        {
            return older == MemoryBallotEntry.NoOlder ? MemoryBallotEntry.NoOlder : MemoryBallotEntry.OlderDropped;
        }
        while (older >= 0)
        {
            older = table.Entries[older].Older;
        }
        return older;
    }

    private static void AddAsOf(MemoryBallotTable table, int newest, long batch, List<int> kept)
    {
        var slot = newest;
        while (slot >= 0 && table.Entries[slot].Batch > batch)
        {
            slot = table.Entries[slot].Older;
        }
        if (slot >= 0 && slot != kept[^1])
        {
            kept.Add(slot);
        }
    }
}
