using Microsoft.Extensions.Options;
using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.Fraud;

/// <summary>
/// Fraud review's votes in this process: per poll an append-only array of fixed-size records, the ids of votes no longer
/// live and the texts their keys stand for; registrations for every poll. Clusters are found at query time by
/// <see cref="ClusterFinder"/> over the published votes.
/// </summary>
public sealed class MemoryFraudProjection(TimeProvider clock, IOptions<FraudOptions> options) : MemoryProjection, IFraudView, IFraudSink, IFraudRetention
{
    private MemoryFraudState _state = new();

    public override string Name => "fraud";

    public ValueTask<SuspiciousReport?> FindAsync(Guid pollId, SuspiciousQuery query, CancellationToken ct)
    {
        var state = Volatile.Read(ref _state);
        if (state.Polls.Snapshot(pollId) is not { } snapshot)
        {
            return ValueTask.FromResult<SuspiciousReport?>(null);
        }
        if (snapshot.Forgotten || options.Value.Expired(snapshot.ClosesAt, clock.GetUtcNow()))
        {
            return ValueTask.FromResult<SuspiciousReport?>(ClusterFinder.Forgotten(pollId));
        }
        var votes = snapshot.Votes.Items.AsSpan(0, snapshot.Votes.Count);
        using var considered = ClusterFinder.Considered(votes, snapshot.Gone, query);
        var found = ClusterFinder.Find(votes, considered.Positions, state.Registrations, query, options.Value.NewAccountAge);
        return ValueTask.FromResult<SuspiciousReport?>(ClusterFinder.Report(pollId, found, snapshot.Texts, options.Value.NewAccountAge));
    }

    public ValueTask<int> ForgetExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var polls = _state.Polls;
        var forgotten = 0;
        foreach (var (pollId, snapshot) in polls.Published())
        {
            if (!snapshot.Forgotten && options.Value.Expired(snapshot.ClosesAt, now) && polls.TryChange(pollId, out var poll))
            {
                poll.Forget();
                forgotten++;
            }
        }
        polls.Publish();
        return ValueTask.FromResult(forgotten);
    }

    protected override void Apply(StoredEvent stored) => FraudReducer.Apply(stored, this, options.Value, clock.GetUtcNow());

    protected override void Forget() => Volatile.Write(ref _state, new MemoryFraudState());

    protected override void Publish() => _state.Polls.Publish();

    private protected override MemoryProjection CreateEmpty() => new MemoryFraudProjection(clock, options);

    private protected override void TakeState(MemoryProjection other) => Volatile.Write(ref _state, ((MemoryFraudProjection)other)._state);

    private protected override void TakePoll(Guid pollId, MemoryProjection rebuilt) => _state.Polls.TakePoll(pollId, ((MemoryFraudProjection)rebuilt)._state.Polls);

    // Clusters are not counts of a poll's live votes: nothing here can be checked against the ledger.
    private protected override IReadOnlyList<HeldVotes> Count(Guid pollId) => [];

    private protected override MemoryViewImage Capture()
    {
        var polls = _state.Polls.Published();
        var registrations = _state.Registrations.ToArray();
        return new MemoryViewImage(Name, writer =>
        {
            writer.Write(registrations.Length);
            Span<byte> record = stackalloc byte[FraudVote.Size];
            foreach (var (voter, registration) in registrations)
            {
                writer.Write(voter);
                registration.WriteTo(record);
                writer.Write(record[..FraudRegistration.Size]);
            }
            writer.Write(polls.Length);
            foreach (var (pollId, snapshot) in polls)
            {
                writer.WriteGuid(pollId);
                writer.WriteOptionalTime(snapshot.ClosesAt);
                writer.Write(snapshot.Forgotten);
                writer.Write(snapshot.Votes.Count);
                for (var i = 0; i < snapshot.Votes.Count; i++)
                {
                    snapshot.Votes.Items[i].WriteTo(record);
                    writer.Write(record);
                }
                writer.Write(snapshot.Gone.Count);
                foreach (var voteId in snapshot.Gone)
                {
                    writer.WriteGuid(voteId);
                }
                var texts = snapshot.Texts.ToArray();
                writer.Write(texts.Length);
                foreach (var (key, text) in texts)
                {
                    writer.Write(key);
                    writer.Write(text);
                }
            }
        });
    }

    private protected override void Load(BinaryReader reader)
    {
        var record = new byte[FraudVote.Size];
        for (var count = reader.ReadCount(); count > 0; count--)
        {
            var voter = reader.ReadUInt64();
            reader.BaseStream.ReadExactly(record, 0, FraudRegistration.Size);
            _state.Registrations[voter] = FraudRegistration.Read(record);
        }
        for (var count = reader.ReadCount(); count > 0; count--)
        {
            var pollId = reader.ReadGuid();
            var poll = new MemoryFraudPoll(reader.ReadOptionalTime(), reader.ReadBoolean());
            var votes = new List<FraudVote>();
            for (var i = reader.ReadCount(); i > 0; i--)
            {
                reader.BaseStream.ReadExactly(record);
                votes.Add(FraudVote.Read(record));
            }
            var gone = new List<Guid>();
            for (var i = reader.ReadCount(); i > 0; i--)
            {
                gone.Add(reader.ReadGuid());
            }
            var texts = new Dictionary<ulong, string>();
            for (var i = reader.ReadCount(); i > 0; i--)
            {
                texts[reader.ReadUInt64()] = reader.ReadString();
            }
            poll.Restore(votes, gone, texts);
            _state.Polls.Start(pollId, poll);
        }
        Publish();
    }

    void IFraudSink.Start(Guid pollId, DateTimeOffset? closesAt, bool forgotten) => _state.Polls.Start(pollId, new MemoryFraudPoll(closesAt, forgotten));

    void IFraudSink.Record(Guid pollId, FraudVote vote, string? network, string? agent)
    {
        if (_state.Polls.TryChange(pollId, out var poll))
        {
            poll.Record(vote, network, agent);
        }
    }

    void IFraudSink.Live(Guid pollId, Guid voteId, bool live)
    {
        if (_state.Polls.TryChange(pollId, out var poll))
        {
            poll.Live(voteId, live);
        }
    }

    void IFraudSink.Close(Guid pollId, DateTimeOffset closedAt, bool forgotten)
    {
        if (_state.Polls.TryChange(pollId, out var poll))
        {
            poll.Close(closedAt, forgotten);
        }
    }

    void IFraudSink.Register(ulong voter, FraudRegistration registration) => _state.Registrations[voter] = registration;
}
