namespace Tally.Views.VoterStatus;

/// <summary>
/// One poll's ballot versions in an array, and an open-addressing index from voter to the slot of their newest
/// version. One writer appends versions and then points the index at them; readers find a voter without locks, and
/// never see a version being written, since an entry is complete before any index cell names it. A full table is not
/// grown in place: the writer builds a new one (see <see cref="MemoryPollBallots"/>).
/// </summary>
internal sealed class MemoryBallotTable
{
    private readonly MemoryVoterIds _voterIds;

    public MemoryBallotTable(MemoryVoterIds voterIds, int capacity)
    {
        _voterIds = voterIds;
        Entries = new MemoryBallotEntry[capacity];
        Index = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity + capacity / 2, 8))];
    }

    public MemoryBallotEntry[] Entries { get; }

    /// <summary>Slot + 1 of each voter's newest version; 0 is an empty cell.</summary>
    public int[] Index { get; }

    /// <summary>Entries in use; only the writer reads it.</summary>
    public int Count { get; set; }

    public bool IsFull => Count == Entries.Length;

    /// <summary>The cell of <paramref name="voterId"/> in the index, or the empty cell it would take.</summary>
    public int CellOf(string voterId) => CellOf(MemoryVoterIds.HashOf(voterId), voterId, -1);

    /// <summary>As <see cref="CellOf(string)"/>, for a voter known by number: the daemon's way, with no string compared.</summary>
    public int CellOf(int voter) => CellOf(_voterIds.HashOf(voter), null, voter);

    private int CellOf(int hash, string? voterId, int voter)
    {
        var mask = Index.Length - 1;
        for (var cell = hash & mask; ; cell = (cell + 1) & mask)
        {
            var slot = Volatile.Read(ref Index[cell]) - 1;
            if (slot < 0 || (voterId is null ? Entries[slot].Voter == voter : string.Equals(_voterIds[Entries[slot].Voter], voterId, StringComparison.Ordinal)))
            {
                return cell;
            }
        }
    }

    /// <summary>The slot of the voter's newest version, or -1.</summary>
    public int SlotOf(string voterId) => Volatile.Read(ref Index[CellOf(voterId)]) - 1;

    /// <summary>
    /// The voter's version as of batch <paramref name="batch"/> from the newest at <paramref name="slot"/>: none when
    /// the voter had none then; where the versions that old were dropped, the oldest kept.
    /// </summary>
    public MemoryBallotEntry? AsOf(int slot, long batch)
    {
        var entry = Entries[slot];
        while (entry.Batch > batch)
        {
            if (entry.Older < 0)
            {
                return entry.Older == MemoryBallotEntry.OlderDropped ? entry : null;
            }
            entry = Entries[entry.Older];
        }
        return entry;
    }

    /// <summary>Appends a version as the voter's newest; the index cell is written last, so readers see the whole entry.</summary>
    public void Append(int cell, MemoryBallotEntry entry)
    {
        Entries[Count] = entry;
        Volatile.Write(ref Index[cell], ++Count);
    }
}
