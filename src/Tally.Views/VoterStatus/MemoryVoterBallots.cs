using System.Collections.Concurrent;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Everything the memory voter status holds, in one object so that it can be replaced whole: each poll's voters with
/// their ballot versions (<see cref="MemoryPollBallots"/>), and the number of the batch published last. Batches are
/// numbered; a voter's versions keep what the batch being applied wrote and what readers saw before it, and a reader
/// takes the number of the batch published last, then the version as of it, so it sees a batch whole or not at all.
/// Publishing moves one number: it costs nothing per voter, however many there are. A snapshot being written pins the
/// batch it reads, and the versions as of it are kept until it is done. A voter id is held once however many polls the
/// voter votes in.
/// </summary>
internal sealed class MemoryVoterBallots
{
    private const long NotPinned = -1;

    private readonly ConcurrentDictionary<Guid, MemoryPollBallots> _polls = new();
    private readonly MemoryVoterIds _voterIds = new();
    private long _published;
    private long _pinned = NotPinned;

    public long Published => Volatile.Read(ref _published);

    public ICollection<Guid> Polls => _polls.Keys;

    public VoterBallot? Get(Guid pollId, string voterId) => _polls.TryGetValue(pollId, out var poll) ? poll.Get(voterId, Published) : null;

    public string VoterId(MemoryBallotEntry ballot) => _voterIds[ballot.Voter];

    public string VoterId(int voter) => _voterIds[voter];

    /// <summary>How many voter ids are held; read only while nothing applies.</summary>
    public int VoterCount => _voterIds.Count;

    /// <summary>The live ballots of a poll as of <paramref name="batch"/>.</summary>
    public IEnumerable<MemoryBallotEntry> Ballots(Guid pollId, long batch) => _polls.TryGetValue(pollId, out var poll) ? poll.Ballots(batch) : [];

    /// <summary>Only the daemon writes, one batch at a time: the batch being applied is the one after the last published.</summary>
    public void Voted(Guid pollId, string voterId, Guid voteId, long votedAtUtcTicks, int optionId) =>
        Write(_polls.GetOrAdd(pollId, static (_, voterIds) => new MemoryPollBallots(voterIds), _voterIds), voterId, voteId, votedAtUtcTicks, optionId);

    public void Retracted(Guid pollId, string voterId)
    {
        if (_polls.TryGetValue(pollId, out var poll) && poll.Holds(voterId))
        {
            Write(poll, voterId, Guid.Empty, 0, 0);
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

    /// <summary>A poll read from a snapshot, with room for <paramref name="voterCount"/> voters, before any of its ballots.</summary>
    public MemoryPollBallots LoadPoll(Guid pollId, int voterCount)
    {
        var poll = new MemoryPollBallots(_voterIds, Math.Max(4, voterCount));
        return _polls.TryAdd(pollId, poll) ? poll : throw new InvalidDataException($"Poll {pollId} is held twice.");
    }

    /// <summary>A voter's ballot read from a snapshot, before anything is published.</summary>
    public void Load(MemoryPollBallots poll, int voter, Guid voteId, long votedAtUtcTicks, int optionId)
    {
        if (optionId < 1 || voter < 0 || voter >= _voterIds.Count || !poll.Load(voter, voteId, votedAtUtcTicks, optionId))
        {
            throw new InvalidDataException($"Voter {voter} is held twice in a poll, or for option {optionId}, or beyond the poll's count.");
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

    private void Write(MemoryPollBallots poll, string voterId, Guid voteId, long votedAtUtcTicks, int optionId)
    {
        var published = Published;
        poll.Write(voterId, voteId, votedAtUtcTicks, optionId, published + 1, published, Volatile.Read(ref _pinned));
    }
}
