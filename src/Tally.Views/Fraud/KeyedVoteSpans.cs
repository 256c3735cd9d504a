using System.Buffers;
using System.Numerics;

namespace Tally.Views.Fraud;

/// <summary>
/// The votes sharing each key of one kind (address, network, user agent), numbered in the order keys are first seen. An
/// open-addressing table over pooled arrays sized for every vote up front: a million-vote query allocates nothing per
/// vote or key, so it leaves no garbage for a full collection over a large heap.
/// </summary>
internal sealed class KeyedVoteSpans<TKey> : IDisposable
    where TKey : unmanaged, IEquatable<TKey>
{
    private readonly int[] _slots;
    private readonly int _shift;
    private readonly TKey[] _keys;
    private readonly VoteSpan[] _spans;

    /// <param name="capacity">The most keys there can be: the number of votes.</param>
    public KeyedVoteSpans(int capacity)
    {
        // At most half full, so probes stay short.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _shift = 64 - BitOperations.Log2((uint)size);
        _slots = ArrayPool<int>.Shared.Rent(size);
        _slots.AsSpan(0, size).Clear();
        _keys = ArrayPool<TKey>.Shared.Rent(Math.Max(1, capacity));
        _spans = ArrayPool<VoteSpan>.Shared.Rent(Math.Max(1, capacity));
    }

    public int Count { get; private set; }

    public ReadOnlySpan<TKey> Keys => _keys.AsSpan(0, Count);

    public ReadOnlySpan<VoteSpan> Spans => _spans.AsSpan(0, Count);

    /// <summary>Counts the vote at <paramref name="position"/> under <paramref name="key"/>.</summary>
    /// <returns>The key's number.</returns>
    public int Add(TKey key, int position, long ticks)
    {
        var mask = (1 << (64 - _shift)) - 1;
        // Fibonacci hashing spreads keys that differ only in a few bits (neighbouring addresses) over the table.
        var slot = (int)(((ulong)key.GetHashCode() * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            var held = _slots[slot];
            if (held == 0)
            {
                var index = Count++;
                _slots[slot] = index + 1;
                _keys[index] = key;
                _spans[index] = default;
                _spans[index].Add(position, ticks);
                return index;
            }
            if (_keys[held - 1].Equals(key))
            {
                _spans[held - 1].Add(position, ticks);
                return held - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<TKey>.Shared.Return(_keys);
        ArrayPool<VoteSpan>.Shared.Return(_spans);
    }
}
