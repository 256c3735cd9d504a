namespace Tally.Views.Memory;

/// <summary>
/// A list one writer appends to and readers see in published snapshots, without locks or copies: a snapshot covers a
/// prefix of the array, which later appends never touch (growing moves them to a new array).
/// </summary>
internal sealed class AppendOnlyList<T>
{
    private T[] _items = new T[4];
    private int _count;
    private AppendOnlySnapshot<T> _published = new([], 0);

    public AppendOnlySnapshot<T> Published => Volatile.Read(ref _published);

    /// <summary>Appends an item and returns its position.</summary>
    public int Add(T item)
    {
        if (_count == _items.Length)
        {
            var grown = new T[_items.Length * 2];
            Array.Copy(_items, grown, _count);
            _items = grown;
        }
        _items[_count] = item;
        return _count++;
    }

    /// <summary>Makes everything added so far visible to readers.</summary>
    public void Publish() => Volatile.Write(ref _published, new AppendOnlySnapshot<T>(_items, _count));
}
