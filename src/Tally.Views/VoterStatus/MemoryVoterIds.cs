namespace Tally.Views.VoterStatus;

/// <summary>
/// Every voter id the memory voter status holds, each once, by number: ballot versions name their voter by number, so
/// they hold no reference the collector must follow. Numbers are found through an open-addressing index of plain ints
/// rather than a dictionary, a few bytes per voter. Only the daemon adds; readers read numbers they found in versions,
/// which are added after their voter.
/// </summary>
internal sealed class MemoryVoterIds
{
    private string[] _ids = new string[64];
    private int[] _hashes = new int[64];

    // Number + 1 of each voter, 0 for an empty cell; at most half full.
    private int[] _index = new int[128];
    private int _count;

    public string this[int number] => Volatile.Read(ref _ids)[number];

    /// <summary>How many are held; only the daemon reads it.</summary>
    public int Count => _count;

    public static int HashOf(string voterId) => voterId.GetHashCode();

    /// <summary>The voter's <see cref="HashOf(string)"/>, kept so the daemon need not hash the id again; only the daemon reads it.</summary>
    public int HashOf(int number) => _hashes[number];

    public int Number(string voterId)
    {
        var hash = HashOf(voterId);
        var cell = CellOf(hash, voterId);
        if (_index[cell] != 0)
        {
            return _index[cell] - 1;
        }
        var number = _count;
        if (number == _ids.Length)
        {
            var grown = new string[number * 2];
            Array.Copy(_ids, grown, number);
            Volatile.Write(ref _ids, grown);
            Array.Resize(ref _hashes, number * 2);
        }
        _ids[number] = voterId;
        _hashes[number] = hash;
        _index[cell] = ++_count;
        if (_count * 2 > _index.Length)
        {
            Reindex();
        }
        return number;
    }

    private int CellOf(int hash, string voterId)
    {
        var mask = _index.Length - 1;
        var cell = hash & mask;
        while (_index[cell] != 0 && (_hashes[_index[cell] - 1] != hash || !string.Equals(_ids[_index[cell] - 1], voterId, StringComparison.Ordinal)))
        {
            cell = (cell + 1) & mask;
        }
        return cell;
    }

    private void Reindex()
    {
        _index = new int[_index.Length * 2];
        var mask = _index.Length - 1;
        for (var number = 0; number < _count; number++)
        {
            var cell = _hashes[number] & mask;
            while (_index[cell] != 0)
            {
                cell = (cell + 1) & mask;
            }
            _index[cell] = number + 1;
        }
    }
}
