namespace Tally.Server.Tests.Guarantees;

/// <summary>What the voter was told on a 201.</summary>
public sealed record AcknowledgedVote(Guid VoteId, int OptionId, long Sequence);
