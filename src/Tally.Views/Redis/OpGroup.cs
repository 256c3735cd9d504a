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

    public void WriteTo(List<RedisValue> operations)
    {
        if (IsEmpty)
        {
            return;
        }
        // Written straight into the flat list, command after command: no array per command on the way.
        if (guard is { } key)
        {
            operations.Add("guard");
            operations.Add(owner.KeyIndex(key));
            operations.Add(_ordered.Count + _fieldOrder.Count + _incrementOrder.Count + _followUps.Count);
        }
        foreach (var command in _ordered)
        {
            operations.AddRange(command);
        }
        foreach (var slot in _fieldOrder)
        {
            if (_fields[slot] is { } value)
            {
                operations.Add("hset");
                operations.Add(slot.Key);
                operations.Add(slot.Field);
                operations.Add(value);
            }
            else
            {
                operations.Add("hdel");
                operations.Add(slot.Key);
                operations.Add(slot.Field);
            }
        }
        foreach (var slot in _incrementOrder)
        {
            operations.Add("hincrby");
            operations.Add(slot.Key);
            operations.Add(slot.Field);
            operations.Add(_increments[slot]);
        }
        foreach (var command in _followUps)
        {
            operations.AddRange(command);
        }
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
