using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// The Redis commands one chunk of events turns into, in the compact form the apply script reads. Commands are kept in
/// groups; a group may be guarded by a key, and the script skips the whole group when that key does not exist (a vote for
/// a poll the view never saw created). Within a group increments to the same field are summed and repeated writes keep
/// the last, so a chunk of many votes on one poll costs a handful of commands.
/// </summary>
internal sealed class ChangeSet
{
    /// <summary>KEYS[1..3] belong to the script itself (generations, epoch, checkpoint); operation keys follow.</summary>
    public const int FirstOperationKey = 4;

    private readonly List<RedisKey> _keys = [];
    private readonly Dictionary<RedisKey, int> _keyIndex = [];
    private readonly List<OpGroup> _groups = [];
    private readonly Dictionary<RedisKey, OpGroup> _open = [];
    private OpGroup? _openUnguarded;
    private readonly HashSet<Guid> _changedPolls = [];

    public IReadOnlyCollection<Guid> ChangedPolls => _changedPolls;

    public bool IsEmpty => _groups.All(g => g.IsEmpty);

    public void Changed(Guid pollId) => _changedPolls.Add(pollId);

    /// <summary>The open group whose commands run only if <paramref name="guard"/> exists.</summary>
    public OpGroup Guarded(RedisKey guard)
    {
        if (!_open.TryGetValue(guard, out var group))
        {
            // Indexed now, so that Keys is whole before the operations are written.
            KeyIndex(guard);
            group = new OpGroup(this, guard);
            _open[guard] = group;
            _groups.Add(group);
        }
        return group;
    }

    /// <summary>The open group whose commands always run.</summary>
    public OpGroup Unguarded()
    {
        if (_openUnguarded is null)
        {
            _openUnguarded = new OpGroup(this, null);
            _groups.Add(_openUnguarded);
        }
        return _openUnguarded;
    }

    /// <summary>
    /// Closes every open group: what is added afterwards runs after everything added so far. Used where order matters,
    /// e.g. a poll's creation must come after the (ignored) events that preceded it and before those that follow.
    /// </summary>
    public void Barrier()
    {
        _open.Clear();
        _openUnguarded = null;
    }

    internal int KeyIndex(RedisKey key)
    {
        if (!_keyIndex.TryGetValue(key, out var index))
        {
            index = FirstOperationKey + _keys.Count;
            _keyIndex[key] = index;
            _keys.Add(key);
        }
        return index;
    }

    /// <summary>The operation keys, in the order of their indexes from <see cref="FirstOperationKey"/>.</summary>
    public IReadOnlyList<RedisKey> Keys => _keys;

    /// <summary>How many values <see cref="WriteOperations"/> writes.</summary>
    public int OperationsLength => _groups.Sum(group => group.Length);

    /// <summary>Writes the flat operation list (op, key index, arguments…) into <paramref name="operations"/>, which holds exactly <see cref="OperationsLength"/> values.</summary>
    public void WriteOperations(Span<RedisValue> operations)
    {
        foreach (var group in _groups)
        {
            operations = operations[group.WriteTo(operations)..];
        }
    }
}
