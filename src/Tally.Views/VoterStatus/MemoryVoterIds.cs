namespace Tally.Views.VoterStatus;

/// <summary>
/// Every voter id the memory voter status holds, each once, by number: ballot versions name their voter by number, so
/// they hold no reference the collector must follow. Only the daemon adds; readers read numbers they found in versions,
/// which are added after their voter.
/// </summary>
internal sealed class MemoryVoterIds
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private string[] _ids = new string[64];
    private int[] _hashes = new int[64];

    public string this[int number] => Volatile.Read(ref _ids)[number];

    public static int HashOf(string voterId) => voterId.GetHashCode();

    /// <summary>The voter's <see cref="HashOf(string)"/>, kept so the daemon need not hash the id again; only the daemon reads it.</summary>
    public int HashOf(int number) => _hashes[number];

    /// <summary>How many are held; only the daemon reads it.</summary>
    public int Count => _numbers.Count;

    public int Number(string voterId)
    {
        if (_numbers.TryGetValue(voterId, out var number))
        {
            return number;
        }
        number = _numbers.Count;
        if (number == _ids.Length)
        {
            var grown = new string[number * 2];
            Array.Copy(_ids, grown, number);
            Volatile.Write(ref _ids, grown);
            Array.Resize(ref _hashes, number * 2);
        }
        _ids[number] = voterId;
        _hashes[number] = HashOf(voterId);
        _numbers.Add(voterId, number);
        return number;
    }
}
