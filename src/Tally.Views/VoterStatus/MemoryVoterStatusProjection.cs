using System.Collections.Concurrent;
using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Each voter's live vote per poll, so "have I voted?" never reads the vote rows. Batches are numbered; a voter's entry
/// keeps what the batch being applied wrote and what readers saw before it, and a reader takes the number of the batch
/// published last, then the version as of it, so it sees a batch whole or not at all. Publishing moves one number: it
/// costs nothing per voter, however many there are.
/// </summary>
public sealed class MemoryVoterStatusProjection : MemoryProjection, IVoterStatusView, IVoterStatusSink
{
    private readonly ConcurrentDictionary<(Guid PollId, string VoterId), BallotVersion> _ballots = new();
    private readonly List<(Guid PollId, string VoterId)> _retracted = [];
    private long _published;

    public override string Name => "voter_status";

    public ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct)
    {
        var published = Volatile.Read(ref _published);
        return ValueTask.FromResult(_ballots.TryGetValue((pollId, voterId), out var version) ? version.AsOf(published) : null);
    }

    protected override void Apply(StoredEvent stored) => VoterStatusReducer.Apply(stored, this);

    protected override void Forget()
    {
        _ballots.Clear();
        _retracted.Clear();
    }

    protected override void Publish()
    {
        var batch = _published + 1;
        Volatile.Write(ref _published, batch);
        // A retracted ballot, once published, reads the same as no entry: the entry goes, unless a later batch wrote it again.
        foreach (var key in _retracted)
        {
            if (_ballots.TryGetValue(key, out var version) && version.Batch == batch && version.Ballot is null)
            {
                _ballots.TryRemove(KeyValuePair.Create(key, version));
            }
        }
        _retracted.Clear();
    }

    void IVoterStatusSink.Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt) =>
        Write((pollId, voterId), new VoterBallot(voteId, optionId, votedAt));

    void IVoterStatusSink.Retracted(Guid pollId, string voterId)
    {
        if (_ballots.ContainsKey((pollId, voterId)))
        {
            Write((pollId, voterId), null);
            _retracted.Add((pollId, voterId));
        }
    }

    // Only the daemon writes, one batch at a time: the batch being applied is the one after the last published.
    private void Write((Guid PollId, string VoterId) key, VoterBallot? ballot) =>
        _ballots[key] = _ballots.GetValueOrDefault(key, BallotVersion.None).Then(_published + 1, ballot);
}
