using System.Collections.Immutable;
using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Each voter's live vote per poll, so "have I voted?" never reads the vote rows. A poll's ballots are a persistent map
/// changed through a builder: publishing a batch shares everything it left alone, so it costs what the batch changed.
/// </summary>
public sealed class MemoryVoterStatusProjection : MemoryProjection, IVoterStatusView, IVoterStatusSink
{
    private readonly PerPollSnapshots<ImmutableDictionary<string, VoterBallot>.Builder, ImmutableDictionary<string, VoterBallot>> _polls =
        new(static (_, ballots) => ballots.ToImmutable());

    public override string Name => "voter_status";

    public ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct) =>
        ValueTask.FromResult(_polls.Snapshot(pollId) is { } ballots && ballots.TryGetValue(voterId, out var ballot) ? ballot : null);

    protected override void Apply(StoredEvent stored) => VoterStatusReducer.Apply(stored, this);

    protected override void Publish() => _polls.Publish();

    void IVoterStatusSink.Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt) =>
        _polls.Change(pollId, NoBallots)[voterId] = new VoterBallot(voteId, optionId, votedAt);

    void IVoterStatusSink.Retracted(Guid pollId, string voterId)
    {
        if (_polls.TryChange(pollId, out var ballots))
        {
            ballots.Remove(voterId);
        }
    }

    private static ImmutableDictionary<string, VoterBallot>.Builder NoBallots() =>
        ImmutableDictionary.CreateBuilder<string, VoterBallot>(StringComparer.Ordinal);
}
