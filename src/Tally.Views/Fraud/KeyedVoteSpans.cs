using System.Buffers;
using System.Numerics;

namespace Tally.Views.Fraud;

/// <summary>
/// The votes sharing each key of one kind (address, network, user agent), numbered in the order keys are first seen. An
/// open-addressing table over pooled arrays that grow with the keys: a million-vote query allocates nothing per vote or
/// key, so it leaves no garbage for a full collection over a large heap, and the pool keeps only what the keys need.
/// </summary>
internal sealed class KeyedVoteSpans<TKey> : IDisposable
    where TKey : unmanaged, IEquatable<TKey>
{
    // Each slot holds its key beside the key's number + 1 (0: empty), so a lookup reads one place, not two.
    private (TKey Key, int Number)[] _slots = [];
    private int _shift;
    private TKey[] _keys = [];
    private VoteSpan[] _spans = [];

    // Where Warm puts what it read, so its reads are not dropped as unused.
    private int _warmth;

    public KeyedVoteSpans() => Resize(64);

    public int Count { get; private set; }

    public ReadOnlySpan<TKey> Keys => _keys.AsSpan(0, Count);

    public ReadOnlySpan<VoteSpan> Spans => _spans.AsSpan(0, Count);

    /// <summary>Counts the vote at <paramref name="position"/> under <paramref name="key"/>.</summary>
    /// <returns>The key's number.</returns>
    public int Add(TKey key, int position, long ticks)
    {
        var slot = SlotOf(key);
        while (true)
        {
            ref readonly var held = ref _slots[slot];
            if (held.Number == 0)
            {
                break;
            }
            if (held.Key.Equals(key))
            {
                _spans[held.Number - 1].Add(position, ticks);
                return held.Number - 1;
            }
            slot = (slot + 1) & Mask;
        }
        var index = Count++;
        _keys[index] = key;
        _spans[index] = default;
        _spans[index].Add(position, ticks);
        // At most half full, so probes stay short.
        if (Count * 2 > Mask + 1)
        {
            Resize((Mask + 1) * 2);
        }
        else
        {
            _slots[slot] = (key, index + 1);
        }
        return index;
    }

    /// <summary>
    /// Reads where <paramref name="key"/> is held without counting. Warming a batch of votes' keys before adding them lets
    /// their cache misses (the tables are far larger than the cache) run side by side instead of one after another.
    /// </summary>
    public void Warm(TKey key)
    {
        var held = _slots[SlotOf(key)];
        _warmth += _spans[Math.Max(held.Number - 1, 0)].Votes;
    }

    public void Dispose()
    {
        ArrayPool<(TKey, int)>.Shared.Return(_slots);
        ArrayPool<TKey>.Shared.Return(_keys);
        ArrayPool<VoteSpan>.Shared.Return(_spans);
    }

    private int Mask => (1 << (64 - _shift)) - 1;

    // Fibonacci hashing spreads keys that differ only in a few bits (neighbouring addresses) over the table.
    private int SlotOf(TKey key) => (int)(((ulong)key.GetHashCode() * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Resize(int size)
    {
        var keys = ArrayPool<TKey>.Shared.Rent(size / 2 + 1);
        var spans = ArrayPool<VoteSpan>.Shared.Rent(size / 2 + 1);
        Keys.CopyTo(keys);
        Spans.CopyTo(spans);
        if (_slots.Length > 0)
        {
            ArrayPool<(TKey, int)>.Shared.Return(_slots);
            ArrayPool<TKey>.Shared.Return(_keys);
            ArrayPool<VoteSpan>.Shared.Return(_spans);
        }
        (_keys, _spans) = (keys, spans);
        _slots = ArrayPool<(TKey, int)>.Shared.Rent(size);
        _slots.AsSpan(0, size).Clear();
        _shift = 64 - BitOperations.Log2((uint)size);
        for (var index = 0; index < Count; index++)
        {
            var slot = SlotOf(_keys[index]);
            while (_slots[slot].Number != 0)
            {
                slot = (slot + 1) & Mask;
            }
            _slots[slot] = (_keys[index], index + 1);
        }
    }
}
