namespace Tally.Views.VoterStatus;

/// <summary>
/// The admin retractions the memory voter status holds, by number: a ballot version names its retraction by number, so
/// it stays the same size and holds no reference. A reason is held once however many votes one request retracted.
/// Only the daemon adds; readers read numbers they found in versions, which are written after their retraction.
/// </summary>
internal sealed class MemoryRetractions
{
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private MemoryRetraction[] _items = new MemoryRetraction[4];
    private int _count;

    public MemoryRetraction this[int number] => Volatile.Read(ref _items)[number];

    /// <summary>How many are held; only the daemon reads it.</summary>
    public int Count => _count;

    public int Add(long retractedAtUtcTicks, string? reason)
    {
        if (reason is not null && !_reasons.TryAdd(reason, reason))
        {
            reason = _reasons[reason];
        }
        if (_count == _items.Length)
        {
            var grown = new MemoryRetraction[_count * 2];
            Array.Copy(_items, grown, _count);
            Volatile.Write(ref _items, grown);
        }
        _items[_count] = new MemoryRetraction(retractedAtUtcTicks, reason);
        return _count++;
    }
}
