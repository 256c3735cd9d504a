namespace Tally.Views.Redis;

/// <summary>
/// What this node heard on the change channel, as its near cache needs it to know when a value read from Redis is still
/// the answer at the node's applied checkpoint. Chunks of the announcing view are published in order, each saying how far
/// it moved the checkpoint, so once this node trusts a starting point (a mark of its own, published with the checkpoint
/// read in the same script) it knows that every chunk up to <see cref="Heard"/> reached it. A value read after a ticket
/// taken at applied checkpoint A holds every change of its poll up to A; it stays the answer while no chunk above A
/// named the poll and the node heard at least up to its applied checkpoint. Anything it cannot follow (a lost
/// connection, a generation moved, a repair or swap that moves no checkpoint) drops every value.
/// </summary>
public sealed class AnnouncedChanges
{
    /// <summary>Polls remembered with the last chunk that named them; past it, those at or below <see cref="Heard"/> are let go.</summary>
    public const int RememberedPolls = 100_000;

    private const long Unknown = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, long> _lastChange = [];
    private long _heard = Unknown;
    private long _trustFrom = long.MaxValue;
    private long _token;

    /// <summary>Every announcing chunk up to here reached this node; -1 until it trusts a starting point.</summary>
    public long Heard
    {
        get
        {
            lock (_gate)
            {
                return _heard;
            }
        }
    }

    /// <summary>Moves whenever values read before may no longer be trusted; a mark carries it, so a stale mark is ignored.</summary>
    public long Token
    {
        get
        {
            lock (_gate)
            {
                return _token;
            }
        }
    }

    /// <param name="applied">The node's applied checkpoint, read before Redis is.</param>
    public NearTicket Ticket(long applied)
    {
        lock (_gate)
        {
            return new NearTicket(_token, applied);
        }
    }

    /// <summary>
    /// Whether a value of <paramref name="pollId"/> read after <paramref name="ticket"/> holds every change of that poll up
    /// to <paramref name="applied"/>, the node's applied checkpoint now.
    /// </summary>
    public bool Covers(Guid pollId, NearTicket ticket, long applied)
    {
        lock (_gate)
        {
            return ticket.Token == _token && _heard >= applied && ticket.Applied >= _trustFrom
                && (!_lastChange.TryGetValue(pollId, out var last) || last <= ticket.Applied);
        }
    }

    /// <summary>An announcement from the channel, in the order published.</summary>
    public void Announced(ChangeAnnouncement announcement)
    {
        lock (_gate)
        {
            if (announcement.Through is not { } through)
            {
                // A repair or a swap changed polls without moving a checkpoint: nothing says which values predate it.
                _token++;
                return;
            }
            foreach (var pollId in announcement.PollIds)
            {
                _lastChange[pollId] = Math.Max(_lastChange.GetValueOrDefault(pollId), through);
            }
            if (_heard != Unknown)
            {
                _heard = Math.Max(_heard, through);
            }
            if (_lastChange.Count > RememberedPolls && _heard != Unknown)
            {
                // Values read below the new starting point are dropped, so what was named at or below it is not needed.
                _trustFrom = Math.Max(_trustFrom, _heard);
                foreach (var (pollId, last) in _lastChange)
                {
                    if (last <= _heard)
                    {
                        _lastChange.Remove(pollId);
                    }
                }
            }
        }
    }

    /// <summary>This node changed polls' views without moving a checkpoint (a repair); other nodes hear it on the channel.</summary>
    public void ChangedHere()
    {
        lock (_gate)
        {
            _token++;
        }
    }

    /// <summary>Something may have been missed (a lost subscription, a generation moved): trust nothing until the next mark.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _token++;
            _heard = Unknown;
            _trustFrom = long.MaxValue;
            _lastChange.Clear();
        }
    }

    /// <summary>
    /// This node's own mark came back: every announcing chunk above <paramref name="checkpoint"/> was published after it,
    /// so reaches this node from now on. Ignored when sent before the last reset.
    /// </summary>
    public void Trust(long token, long checkpoint)
    {
        lock (_gate)
        {
            if (token != _token)
            {
                return;
            }
            _token++;
            _heard = checkpoint;
            _trustFrom = checkpoint;
            _lastChange.Clear();
        }
    }
}
