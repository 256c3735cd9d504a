using System.Collections.Concurrent;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Everything the memory voter status holds, in one object so that it can be replaced whole: each poll's voters with
/// their ballot versions, and the number of the batch published last. Batches are numbered; a voter's entry keeps what
/// the batch being applied wrote and what readers saw before it, and a reader takes the number of the batch published
/// last, then the version as of it, so it sees a batch whole or not at all. Publishing moves one number: it costs
/// nothing per voter, however many there are. A snapshot being written pins the batch it reads, and the versions as of
/// it are kept until it is done.
/// </summary>
internal sealed class MemoryVoterBallots
{
    private const long NotPinned = -1;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, MemoryBallotVersion>> _polls = new();
    private readonly List<(ConcurrentDictionary<string, MemoryBallotVersion> Voters, string VoterId)> _retracted = [];
    private long _published;
    private long _pinned = NotPinned;

    public long Published => Volatile.Read(ref _published);

    public VoterBallot? Get(Guid pollId, string voterId)
    {
        var published = Published;
        return _polls.TryGetValue(pollId, out var voters) && voters.TryGetValue(voterId, out var version) ? version.AsOf(published).Ballot : null;
    }

    /// <summary>The live ballots of a poll as of <paramref name="batch"/>.</summary>
    public IEnumerable<KeyValuePair<string, MemoryBallotVersion>> Ballots(Guid pollId, long batch)
    {
        if (!_polls.TryGetValue(pollId, out var voters))
        {
            yield break;
        }
        foreach (var (voterId, version) in voters)
        {
            var ballot = version.AsOf(batch);
            if (ballot.HasBallot)
            {
                yield return KeyValuePair.Create(voterId, ballot);
            }
        }
    }

    public ICollection<Guid> Polls => _polls.Keys;

    /// <summary>Only the daemon writes, one batch at a time: the batch being applied is the one after the last published.</summary>
    public void Voted(Guid pollId, string voterId, Guid voteId, long votedAtUtcTicks, int optionId) =>
        Write(_polls.GetOrAdd(pollId, static _ => NewVoters(0)), voterId, voteId, votedAtUtcTicks, optionId);

    public void Retracted(Guid pollId, string voterId)
    {
        if (_polls.TryGetValue(pollId, out var voters) && voters.ContainsKey(voterId))
        {
            Write(voters, voterId, Guid.Empty, 0, 0);
            _retracted.Add((voters, voterId));
        }
    }

    /// <summary>A voter's ballot read from a snapshot, before anything is published.</summary>
    public void Load(Guid pollId, int voterCount, string voterId, Guid voteId, long votedAtUtcTicks, int optionId)
    {
        var voters = _polls.GetOrAdd(pollId, static (_, count) => NewVoters(count), voterCount);
        if (optionId < 1 || !voters.TryAdd(voterId, new MemoryBallotVersion(0, voteId, votedAtUtcTicks, optionId, null)))
        {
            throw new InvalidDataException($"Voter {voterId} is held twice in poll {pollId}, or for option {optionId}.");
        }
    }

    public void Publish()
    {
        var batch = Published + 1;
        Volatile.Write(ref _published, batch);
        // A retracted ballot, once published, reads the same as no entry: the entry goes, unless a later batch wrote it
        // again, or a snapshot being written may still read the ballot it replaced.
        if (Volatile.Read(ref _pinned) != NotPinned)
        {
            return;
        }
        foreach (var (voters, voterId) in _retracted)
        {
            if (voters.TryGetValue(voterId, out var version) && !version.HasBallot)
            {
                voters.TryRemove(KeyValuePair.Create(voterId, version));
            }
        }
        _retracted.Clear();
    }

    /// <summary>Keeps the versions as of the batch published last until <see cref="Unpin"/>, and returns its number.</summary>
    public long Pin()
    {
        var batch = Published;
        Volatile.Write(ref _pinned, batch);
        return batch;
    }

    public void Unpin() => Volatile.Write(ref _pinned, NotPinned);

    private void Write(ConcurrentDictionary<string, MemoryBallotVersion> voters, string voterId, Guid voteId, long votedAtUtcTicks, int optionId)
    {
        var published = Published;
        voters[voterId] = voters.GetValueOrDefault(voterId, MemoryBallotVersion.None)
            .Then(published + 1, voteId, votedAtUtcTicks, optionId, published, Volatile.Read(ref _pinned));
    }

    private static ConcurrentDictionary<string, MemoryBallotVersion> NewVoters(int capacity) =>
        new(Environment.ProcessorCount, capacity, StringComparer.Ordinal);
}
