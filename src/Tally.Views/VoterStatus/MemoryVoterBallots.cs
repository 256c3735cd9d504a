using System.Collections.Concurrent;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Everything the memory voter status holds, in one object so that it can be replaced whole: each poll's voters with
/// their ballot versions (<see cref="MemoryPollBallots"/>), and the number of the batch published last. Batches are
/// numbered; a voter's versions keep what the batch being applied wrote and what readers saw before it, and a reader
/// takes the number of the batch published last, then the version as of it, so it sees a batch whole or not at all.
/// Publishing moves one number: it costs nothing per voter, however many there are. A snapshot being written pins the
/// batch it reads, and the versions as of it are kept until it is done. A voter id is held once however many polls the
/// voter votes in; a ballot an admin retracted stays held, naming its retraction (<see cref="MemoryRetractions"/>).
/// </summary>
internal sealed class MemoryVoterBallots
{
    private const long NotPinned = -1;

    private readonly ConcurrentDictionary<Guid, MemoryPollBallots> _polls = new();
    private readonly MemoryVoterIds _voterIds = new();
    private readonly MemoryRetractions _retractions = new();
    private long _published;
    private long _pinned = NotPinned;

    public long Published => Volatile.Read(ref _published);

    public ICollection<Guid> Polls => _polls.Keys;

    public VoterBallot? Get(Guid pollId, string voterId) =>
        _polls.TryGetValue(pollId, out var poll) && poll.Get(voterId, Published) is { } entry ? BallotOf(entry) : null;

    public VoterBallot BallotOf(MemoryBallotEntry entry)
    {
        var votedAt = new DateTimeOffset(entry.VotedAtUtcTicks, TimeSpan.Zero);
        return RetractionOf(entry) is { } retraction
            ? new VoterBallot(entry.VoteId, entry.OptionId, votedAt, new DateTimeOffset(retraction.RetractedAtUtcTicks, TimeSpan.Zero), retraction.Reason)
            : new VoterBallot(entry.VoteId, entry.OptionId, votedAt);
    }

    /// <summary>The admin retraction holding the ballot back, or null for a live one.</summary>
    public MemoryRetraction? RetractionOf(MemoryBallotEntry entry) => entry.Retraction == 0 ? null : _retractions[entry.Retraction - 1];

    /// <summary>The retractions held, by number; <paramref name="count"/> read while nothing applies.</summary>
    public IEnumerable<MemoryRetraction> Retractions(int count)
    {
        for (var number = 0; number < count; number++)
        {
            yield return _retractions[number];
        }
    }

    /// <summary>How many retractions are held; read only while nothing applies.</summary>
    public int RetractionCount => _retractions.Count;

    public string VoterId(MemoryBallotEntry ballot) => _voterIds[ballot.Voter];

    public string VoterId(int voter) => _voterIds[voter];

    /// <summary>How many voter ids are held; read only while nothing applies.</summary>
    public int VoterCount => _voterIds.Count;

    /// <summary>The ballots of a poll, live or held back by an admin, as of <paramref name="batch"/>.</summary>
    public IEnumerable<MemoryBallotEntry> Ballots(Guid pollId, long batch) => _polls.TryGetValue(pollId, out var poll) ? poll.Ballots(batch) : [];

    /// <summary>Only the daemon writes, one batch at a time: the batch being applied is the one after the last published.</summary>
    public void Voted(Guid pollId, string voterId, Guid voteId, long votedAtUtcTicks, int optionId) =>
        Hold(pollId, voterId, voteId, votedAtUtcTicks, optionId, null);

    /// <summary>Holds the voter's ballot, held back by <paramref name="retraction"/> unless it is null.</summary>
    public void Hold(Guid pollId, string voterId, Guid voteId, long votedAtUtcTicks, int optionId, MemoryRetraction? retraction) =>
        Write(_polls.GetOrAdd(pollId, static (_, voterIds) => new MemoryPollBallots(voterIds), _voterIds), voterId, voteId, votedAtUtcTicks, optionId,
            retraction is { } held ? _retractions.Add(held.RetractedAtUtcTicks, held.Reason) + 1 : 0);

    public void Retracted(Guid pollId, string voterId)
    {
        if (_polls.TryGetValue(pollId, out var poll) && poll.Newest(voterId) is not null)
        {
            Write(poll, voterId, Guid.Empty, 0, 0, 0);
        }
    }

    /// <summary>The voter's live ballot <paramref name="voteId"/>, if held, stays held back by an admin's retraction.</summary>
    public void RetractedByAdmin(Guid pollId, string voterId, Guid voteId, long retractedAtUtcTicks, string? reason)
    {
        if (_polls.TryGetValue(pollId, out var poll) && poll.Newest(voterId) is { IsLive: true } live && live.VoteId == voteId)
        {
            Write(poll, voterId, voteId, live.VotedAtUtcTicks, live.OptionId, _retractions.Add(retractedAtUtcTicks, reason) + 1);
        }
    }

    /// <summary>The voter ids read from a snapshot, numbered in order, before any ballot.</summary>
    public void LoadVoters(IReadOnlyList<string> voterIds)
    {
        foreach (var voterId in voterIds)
        {
            if (_voterIds.Number(voterId) != _voterIds.Count - 1)
            {
                throw new InvalidDataException($"Voter {voterId} is listed twice.");
            }
        }
    }

    /// <summary>The retractions read from a snapshot, numbered in order, before any ballot.</summary>
    public void LoadRetractions(IEnumerable<MemoryRetraction> retractions)
    {
        foreach (var retraction in retractions)
        {
            _retractions.Add(retraction.RetractedAtUtcTicks, retraction.Reason);
        }
    }

    /// <summary>A poll read from a snapshot, with room for <paramref name="voterCount"/> voters, before any of its ballots.</summary>
    public MemoryPollBallots LoadPoll(Guid pollId, int voterCount)
    {
        var poll = new MemoryPollBallots(_voterIds, Math.Max(4, voterCount));
        return _polls.TryAdd(pollId, poll) ? poll : throw new InvalidDataException($"Poll {pollId} is held twice.");
    }

    /// <summary>A voter's ballot read from a snapshot, before anything is published.</summary>
    public void Load(MemoryPollBallots poll, int voter, Guid voteId, long votedAtUtcTicks, int optionId, int retraction)
    {
        if (optionId < 1 || voter < 0 || voter >= _voterIds.Count || retraction < 0 || retraction > _retractions.Count
            || !poll.Load(voter, voteId, votedAtUtcTicks, optionId, retraction))
        {
            throw new InvalidDataException(
                $"Voter {voter} is held twice in a poll, or for option {optionId}, or beyond the poll's count, or retraction {retraction} is not held.");
        }
    }

    public void Publish() => Volatile.Write(ref _published, Published + 1);

    /// <summary>Keeps the versions as of the batch published last until <see cref="Unpin"/>, and returns its number.</summary>
    public long Pin()
    {
        var batch = Published;
        Volatile.Write(ref _pinned, batch);
        return batch;
    }

    public void Unpin() => Volatile.Write(ref _pinned, NotPinned);

    private void Write(MemoryPollBallots poll, string voterId, Guid voteId, long votedAtUtcTicks, int optionId, int retraction)
    {
        var published = Published;
        poll.Write(voterId, voteId, votedAtUtcTicks, optionId, retraction, published + 1, published, Volatile.Read(ref _pinned));
    }
}
