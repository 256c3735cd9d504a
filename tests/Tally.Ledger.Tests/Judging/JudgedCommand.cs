using Tally.Domain.Commands;

namespace Tally.Ledger.Tests.Judging;

/// <summary>One generated command; <see cref="NewBatch"/> starts a new group-commit batch (retractions and closes are alone anyway).</summary>
public sealed record JudgedCommand(JudgedCommand.Kind Type, int Poll, string Actor, int OptionId, string? Region, string? Key, bool NewBatch)
{
    public enum Kind
    {
        Vote,
        Retract,
        Close,
    }

    public RetractVote Retraction(Guid pollId) => new(pollId, Actor, new ClientInfo(null, null));
}
