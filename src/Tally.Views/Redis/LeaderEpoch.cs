namespace Tally.Views.Redis;

/// <summary>
/// The fencing token this node writes with. When set, the apply script refuses to change anything if a higher epoch is
/// stored, so a node that lost leadership cannot overwrite the new leader's work; a missing or lower stored epoch is
/// raised to it (after a flush the leader's first apply restores it). Unset, nothing is fenced.
/// </summary>
public sealed class LeaderEpoch
{
    private const long None = long.MinValue;

    private long _value = None;

    public long? Current
    {
        get => Interlocked.Read(ref _value) is var v && v != None ? v : null;
        set => Interlocked.Exchange(ref _value, value ?? None);
    }
}
