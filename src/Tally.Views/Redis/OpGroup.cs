using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// One group of a <see cref="ChangeSet"/>. Its commands run in four stages: ordered commands as given, then field writes
/// (last one per field wins), then summed increments, then follow-ups (expiries, index entries) that need the keys to
/// exist and are sent once however often they are asked for.
/// </summary>
internal sealed class OpGroup(ChangeSet owner, RedisKey? guard)
{
    private readonly List<RedisValue[]> _ordered = [];
    private readonly Dictionary<(int Key, RedisValue Field), RedisValue?> _fields = [];
    private readonly List<(int Key, RedisValue Field)> _fieldOrder = [];
    private readonly Dictionary<(int Key, RedisValue Field), long> _increments = [];
    private readonly List<(int Key, RedisValue Field)> _incrementOrder = [];
    private readonly List<RedisValue[]> _followUps = [];
    private readonly HashSet<(string Op, int Key, RedisValue First, RedisValue Second)> _followUpSeen = [];

    public bool IsEmpty => _ordered.Count == 0 && _fieldOrder.Count == 0 && _incrementOrder.Count == 0 && _followUps.Count == 0;

    public OpGroup Delete(RedisKey key) => Ordered("del", key);

    public OpGroup Set(RedisKey key, RedisValue value) => Ordered("set", key, value);

    public OpGroup HashSet(RedisKey key, RedisValue field, RedisValue value) => Ordered("hset", key, field, value);

    public OpGroup SortedSetAdd(RedisKey key, double score, RedisValue member) => Ordered("zadd", key, score, member);

    /// <summary>Sets a hash field; a later write or delete of the same field in this group replaces it.</summary>
    public OpGroup WriteField(RedisKey key, RedisValue field, RedisValue value) => Field(key, field, value);

    /// <summary>Deletes a hash field; a later write of the same field in this group replaces it.</summary>
    public OpGroup DeleteField(RedisKey key, RedisValue field) => Field(key, field, null);

    public OpGroup Increment(RedisKey key, RedisValue field, long by)
    {
        var slot = (owner.KeyIndex(key), field);
        if (_increments.TryGetValue(slot, out var sum))
        {
            _increments[slot] = sum + by;
        }
        else
        {
            _increments[slot] = by;
            _incrementOrder.Add(slot);
        }
        return this;
    }

    public OpGroup ExpireAfterwards(RedisKey key, TimeSpan ttl) => FollowUp("expire", key, (long)Math.Ceiling(ttl.TotalSeconds));

    public OpGroup SortedSetAddAfterwards(RedisKey key, double score, RedisValue member) => FollowUp("zadd", key, score, member);

    /// <summary>Removes members scored below <paramref name="below"/>.</summary>
    public OpGroup SortedSetTrimAfterwards(RedisKey key, double below) => FollowUp("zremrangebyscore", key, "-inf", "(" + below.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>How many values <see cref="WriteTo"/> writes.</summary>
    public int Length
    {
        get
        {
            if (IsEmpty)
            {
                return 0;
            }
            var length = guard is null ? 0 : 3;
            foreach (var command in _ordered)
            {
                length += command.Length;
            }
            foreach (var slot in _fieldOrder)
            {
                length += _fields[slot] is null ? 3 : 4;
            }
            length += 4 * _incrementOrder.Count;
            foreach (var command in _followUps)
            {
                length += command.Length;
            }
            return length;
        }
    }

    /// <summary>Writes the group's commands at the start of <paramref name="operations"/>, which has room for <see cref="Length"/> values.</summary>
    /// <returns>How many values it wrote.</returns>
    public int WriteTo(Span<RedisValue> operations)
    {
        if (IsEmpty)
        {
            return 0;
        }
        // Written straight into the script's arguments, command after command: no array or list on the way.
        var at = 0;
        if (guard is { } key)
        {
            operations[at++] = "guard";
            operations[at++] = owner.KeyIndex(key);
            operations[at++] = _ordered.Count + _fieldOrder.Count + _incrementOrder.Count + _followUps.Count;
        }
        foreach (var command in _ordered)
        {
            command.CopyTo(operations[at..]);
            at += command.Length;
        }
        foreach (var slot in _fieldOrder)
        {
            if (_fields[slot] is { } value)
            {
                operations[at++] = "hset";
                operations[at++] = slot.Key;
                operations[at++] = slot.Field;
                operations[at++] = value;
            }
            else
            {
                operations[at++] = "hdel";
                operations[at++] = slot.Key;
                operations[at++] = slot.Field;
            }
        }
        foreach (var slot in _incrementOrder)
        {
            operations[at++] = "hincrby";
            operations[at++] = slot.Key;
            operations[at++] = slot.Field;
            operations[at++] = _increments[slot];
        }
        foreach (var command in _followUps)
        {
            command.CopyTo(operations[at..]);
            at += command.Length;
        }
        return at;
    }

    private OpGroup Ordered(string op, RedisKey key, params RedisValue[] args)
    {
        _ordered.Add([op, owner.KeyIndex(key), .. args]);
        return this;
    }

    private OpGroup Field(RedisKey key, RedisValue field, RedisValue? value)
    {
        var slot = (owner.KeyIndex(key), field);
        if (!_fields.ContainsKey(slot))
        {
            _fieldOrder.Add(slot);
        }
        _fields[slot] = value;
        return this;
    }

    // Asked for once per event, sent once per chunk: the check must cost no more than a lookup.
    private OpGroup FollowUp(string op, RedisKey key, RedisValue first, RedisValue second = default)
    {
        var index = owner.KeyIndex(key);
        if (_followUpSeen.Add((op, index, first, second)))
        {
            _followUps.Add(second.IsNull ? [op, index, first] : [op, index, first, second]);
        }
        return this;
    }
}
