using System.Collections.Concurrent;
using Tally.Domain.Events;
using Tally.Views.VoterStatus;

namespace Tally.Views.Memory;

/// <summary>Each voter's live vote per poll, so "have I voted?" never reads the vote rows.</summary>
public sealed class MemoryVoterStatusProjection : MemoryProjection, IVoterStatusView
{
    private readonly ConcurrentDictionary<(Guid PollId, string VoterId), VoterBallot> _ballots = new();

    public override string Name => "voter_status";

    public ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct) =>
        ValueTask.FromResult(_ballots.GetValueOrDefault((pollId, voterId)));

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case VoteCast cast:
                _ballots[(cast.PollId, cast.VoterId)] = new VoterBallot(cast.VoteId, cast.OptionId, cast.RecordedAt);
                break;
            case VoteRetracted retracted:
                _ballots.TryRemove((retracted.PollId, retracted.VoterId), out _);
                break;
        }
    }
}
