using Tally.Domain.Events;
using Tally.Ledger.Stores;

namespace Tally.Sync.Counting;

/// <summary>
/// Live votes per poll, option and region, as the ledger counts them, movable along the log: a cast adds one to its
/// cell, a retraction takes one away and a reinstatement adds it back, which is exactly what the counting views do with
/// the same events.
/// </summary>
internal sealed class VoteCells
{
    private readonly Dictionary<(Guid Poll, int Option, string? Region), long> _cells = [];

    public VoteCells(IEnumerable<LiveVotes> counts)
    {
        foreach (var count in counts)
        {
            _cells[(count.PollId, count.OptionId, count.Region)] = count.Votes;
        }
    }

    /// <summary>Moves the cells over <paramref name="stored"/>: forwards (+1) or, to step back before it, backwards (-1).</summary>
    public void Move(StoredEvent stored, int direction)
    {
        switch (stored.Event)
        {
            case VoteCast cast:
                Add(cast.PollId, cast.OptionId, cast.Region, direction);
                break;
            case VoteRetracted retracted:
                Add(retracted.PollId, retracted.OptionId, retracted.Region, -direction);
                break;
            case VoteReinstated reinstated:
                Add(reinstated.PollId, reinstated.OptionId, reinstated.Region, direction);
                break;
        }
    }

    /// <summary>The poll's cells in the shape a view counts them, without empty cells.</summary>
    public Dictionary<(int Option, string? Region), long> Of(Guid pollId, CountShape shape)
    {
        var cells = new Dictionary<(int Option, string? Region), long>();
        foreach (var ((poll, option, region), votes) in _cells)
        {
            if (poll != pollId || votes == 0)
            {
                continue;
            }
            if (shape == CountShape.ByOption)
            {
                cells[(option, null)] = cells.GetValueOrDefault((option, null)) + votes;
            }
            else if (region is not null)
            {
                cells[(option, region)] = votes;
            }
        }
        return cells;
    }

    private void Add(Guid poll, int option, string? region, long change)
    {
        var key = (poll, option, region);
        _cells[key] = _cells.GetValueOrDefault(key) + change;
    }
}
