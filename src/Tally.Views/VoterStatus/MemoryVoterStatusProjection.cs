using System.Buffers.Binary;
using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Each voter's live vote per poll, or the one an admin retracted, so "have I voted?" never reads the vote rows; see
/// <see cref="MemoryVoterBallots"/>.
/// </summary>
public sealed class MemoryVoterStatusProjection : MemoryProjection, IVoterStatusView, IVoterStatusSink
{
    // Voter number, vote id, time of the vote, option: as BinaryWriter writes them. A ballot an admin retracted adds
    // its retraction's number + 1, so live ones, nearly all, cost no more than before retractions were kept.
    private const int BallotBytes = 4 + 16 + 8 + 4;
    private const int RetractedBallotBytes = BallotBytes + 4;

    private MemoryVoterBallots _ballots = new();

    public override string Name => "voter_status";

    public ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct) =>
        ValueTask.FromResult(Volatile.Read(ref _ballots).Get(pollId, voterId));

    protected override void Apply(StoredEvent stored) => VoterStatusReducer.Apply(stored, this);

    protected override void Forget() => Volatile.Write(ref _ballots, new MemoryVoterBallots());

    protected override void Publish() => _ballots.Publish();

    private protected override MemoryProjection CreateEmpty() => new MemoryVoterStatusProjection();

    private protected override void TakeState(MemoryProjection other) => Volatile.Write(ref _ballots, ((MemoryVoterStatusProjection)other)._ballots);

    // Written as the batch being applied, so readers see the poll's old voters until it is published, then the new ones.
    private protected override void TakePoll(Guid pollId, MemoryProjection rebuilt)
    {
        var source = ((MemoryVoterStatusProjection)rebuilt)._ballots;
        var ballots = source.Ballots(pollId, source.Published).ToDictionary(source.VoterId, StringComparer.Ordinal);
        foreach (var voterId in _ballots.Ballots(pollId, _ballots.Published).Select(_ballots.VoterId).ToArray())
        {
            if (!ballots.ContainsKey(voterId))
            {
                _ballots.Retracted(pollId, voterId);
            }
        }
        foreach (var (voterId, ballot) in ballots)
        {
            _ballots.Hold(pollId, voterId, ballot.VoteId, ballot.VotedAtUtcTicks, ballot.OptionId, source.RetractionOf(ballot));
        }
    }

    // Live ballots per option, in every region together: the voter status does not keep where a vote was cast.
    private protected override IReadOnlyList<HeldVotes> Count(Guid pollId)
    {
        var ballots = Volatile.Read(ref _ballots);
        return ballots.Ballots(pollId, ballots.Published)
            .Where(ballot => ballot.IsLive)
            .GroupBy(ballot => ballot.OptionId)
            .OrderBy(option => option.Key)
            .Select(option => new HeldVotes(option.Key, null, option.LongCount()))
            .ToArray();
    }

    // Pinned here, while nothing applies, until the image is released: the writer reads the versions as of the pinned
    // batch. Voter ids and admin retractions are written once, and ballots name them by number.
    private protected override MemoryViewImage Capture()
    {
        var ballots = _ballots;
        var batch = ballots.Pin();
        var polls = ballots.Polls.ToArray();
        var voters = ballots.VoterCount;
        var retractions = ballots.RetractionCount;
        return new MemoryViewImage(Name, writer =>
        {
            writer.Write(voters);
            for (var voter = 0; voter < voters; voter++)
            {
                writer.Write(ballots.VoterId(voter));
            }
            writer.Write(retractions);
            foreach (var retraction in ballots.Retractions(retractions))
            {
                writer.Write(retraction.RetractedAtUtcTicks);
                writer.WriteOptionalString(retraction.Reason);
            }
            writer.Write(polls.Length);
            foreach (var pollId in polls)
            {
                var held = ballots.Ballots(pollId, batch).ToLookup(ballot => ballot.IsLive);
                writer.WriteGuid(pollId);
                writer.Write(held[true].Count());
                writer.Write(held[false].Count());
                foreach (var ballot in held[true].Concat(held[false]))
                {
                    writer.Write(ballot.Voter);
                    writer.WriteGuid(ballot.VoteId);
                    writer.Write(ballot.VotedAtUtcTicks);
                    writer.Write(ballot.OptionId);
                    if (!ballot.IsLive)
                    {
                        writer.Write(ballot.Retraction);
                    }
                }
            }
        }, ballots.Unpin);
    }

    private protected override void Load(BinaryReader reader)
    {
        var voters = new string[reader.ReadCount()];
        for (var voter = 0; voter < voters.Length; voter++)
        {
            voters[voter] = reader.ReadString();
        }
        _ballots.LoadVoters(voters);
        var retractions = new MemoryRetraction[reader.ReadCount()];
        for (var number = 0; number < retractions.Length; number++)
        {
            retractions[number] = new MemoryRetraction(reader.ReadInt64(), reader.ReadOptionalString());
        }
        _ballots.LoadRetractions(retractions);
        // Ballots are fixed-size records, read a block at a time: loading millions must not cost a call per field.
        var block = new byte[RetractedBallotBytes * 4096];
        for (var polls = reader.ReadCount(); polls > 0; polls--)
        {
            var pollId = reader.ReadGuid();
            var live = reader.ReadCount();
            var retracted = reader.ReadCount();
            var poll = _ballots.LoadPoll(pollId, live + retracted);
            LoadBallots(reader, poll, live, BallotBytes, block);
            LoadBallots(reader, poll, retracted, RetractedBallotBytes, block);
        }
    }

    private void LoadBallots(BinaryReader reader, MemoryPollBallots poll, int count, int recordBytes, byte[] block)
    {
        var perBlock = block.Length / recordBytes;
        for (var done = 0; done < count;)
        {
            var records = block.AsSpan(0, Math.Min(perBlock, count - done) * recordBytes);
            reader.BaseStream.ReadExactly(records);
            for (var at = 0; at < records.Length; at += recordBytes)
            {
                var record = records.Slice(at, recordBytes);
                _ballots.Load(poll, BinaryPrimitives.ReadInt32LittleEndian(record), new Guid(record.Slice(4, 16)),
                    BinaryPrimitives.ReadInt64LittleEndian(record[20..]), BinaryPrimitives.ReadInt32LittleEndian(record[28..]),
                    recordBytes == RetractedBallotBytes ? BinaryPrimitives.ReadInt32LittleEndian(record[32..]) : 0);
            }
            done += records.Length / recordBytes;
        }
    }

    void IVoterStatusSink.Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt) =>
        _ballots.Voted(pollId, voterId, voteId, votedAt.UtcTicks, optionId);

    void IVoterStatusSink.Retracted(Guid pollId, string voterId) => _ballots.Retracted(pollId, voterId);

    void IVoterStatusSink.RetractedByAdmin(Guid pollId, string voterId, Guid voteId, DateTimeOffset retractedAt, string? reason) =>
        _ballots.RetractedByAdmin(pollId, voterId, voteId, retractedAt.UtcTicks, reason);

    void IVoterStatusSink.Reinstated(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset castAt) =>
        _ballots.Voted(pollId, voterId, voteId, castAt.UtcTicks, optionId);
}
