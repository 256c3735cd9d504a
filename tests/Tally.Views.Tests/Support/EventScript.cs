using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Views.Tests.Support;

/// <summary>
/// Writes a log the way the ledger would: gap-free sequences, explicit commit times, and retractions and reinstatements
/// that carry the original choice. Every call returns the one event it appended, and <see cref="All"/> holds them in order.
/// </summary>
internal sealed class EventScript
{
    public static readonly DateTimeOffset Start = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<StoredEvent> _events = [];
    private readonly Dictionary<(Guid, string), VoteCast> _live = [];
    private readonly Dictionary<(Guid, string), VoteCast> _retractedByAdmin = [];

    public const string Admin = "admin-1";

    /// <summary>The commit time given to the next event unless one is passed.</summary>
    public DateTimeOffset Now { get; set; } = Start;

    public IReadOnlyList<StoredEvent> All => _events;

    public long LastSequence => _events.Count;

    public static Poll NewPoll(string title = "Lunch?", int options = 3, string[]? regions = null, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? Start;
        return new Poll(
            Guid.CreateVersion7(at),
            "owner-1",
            title,
            null,
            Enumerable.Range(1, options).Select(i => new PollOption(i, $"Option {i}")).ToArray(),
            regions ?? [],
            null,
            null,
            new PollSettings(ResultsVisibility.Live, AllowVoteChange: true),
            at,
            null);
    }

    public StoredEvent Created(Poll poll) => Append(new PollCreated(poll), poll.CreatedAt);

    public StoredEvent Vote(Poll poll, string voter, int option, string? region = null, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var cast = new VoteCast(Guid.CreateVersion7(when), poll.Id, voter, option, region, when);
        _live[(poll.Id, voter)] = cast;
        _retractedByAdmin.Remove((poll.Id, voter));
        return Append(cast, when);
    }

    public StoredEvent Retract(Poll poll, string voter, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var cast = _live[(poll.Id, voter)];
        _live.Remove((poll.Id, voter));
        return Append(new VoteRetracted(cast.VoteId, poll.Id, voter, cast.OptionId, cast.Region, when), when);
    }

    public StoredEvent RetractByAdmin(Poll poll, string voter, string reason, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var cast = _live[(poll.Id, voter)];
        _live.Remove((poll.Id, voter));
        _retractedByAdmin[(poll.Id, voter)] = cast;
        return Append(new VoteRetracted(cast.VoteId, poll.Id, voter, cast.OptionId, cast.Region, when, Admin, reason), when);
    }

    public StoredEvent Reinstate(Poll poll, string voter, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var cast = _retractedByAdmin[(poll.Id, voter)];
        _retractedByAdmin.Remove((poll.Id, voter));
        _live[(poll.Id, voter)] = cast;
        return Append(new VoteReinstated(cast.VoteId, poll.Id, voter, cast.OptionId, cast.Region, cast.RecordedAt, Admin, when), when);
    }

    /// <summary>The vote the voter cast last in the poll, live or not.</summary>
    public VoteCast CastOf(Poll poll, string voter) =>
        _live.TryGetValue((poll.Id, voter), out var live) ? live : _retractedByAdmin[(poll.Id, voter)];

    public StoredEvent Close(Poll poll, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        return Append(new PollClosed(poll.Id, poll.OwnerId, when), when);
    }

    /// <summary>Events with sequences from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public IReadOnlyList<StoredEvent> Range(long first, long last) => _events.Where(e => e.Sequence >= first && e.Sequence <= last).ToArray();

    private StoredEvent Append(LedgerEvent e, DateTimeOffset at)
    {
        var stored = new StoredEvent(_events.Count + 1, at, e);
        _events.Add(stored);
        return stored;
    }
}
