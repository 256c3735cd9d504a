using Tally.Domain.Ballots;
using Tally.Views.Fraud;

namespace Tally.Server.Contracts;

/// <summary>A poll's suspicious clusters as the fraud projection saw them at <see cref="AsOfSequence"/>; <see cref="Window"/> as asked (null: every live vote).</summary>
public sealed record SuspiciousResponse(
    Guid PollId, string? Window, long VotesConsidered, long VotesUnknown, bool Forgotten, IReadOnlyList<SuspiciousCluster> Clusters, long AsOfSequence);

/// <summary>
/// Which votes to retract: exactly one of <see cref="VoteIds"/>, <see cref="IpAddress"/> or <see cref="Network"/> (CIDR),
/// optionally only those cast in [<see cref="From"/>, <see cref="To"/>) (RFC 3339); why; and whether only to look.
/// </summary>
public sealed record RetractionRequest(List<Guid>? VoteIds, string? IpAddress, string? Network, string? From, string? To, string? Reason, bool? DryRun);

/// <summary><see cref="LastSequence"/>: the event of the last vote retracted, for <c>min_sequence</c> on later reads; null when none was.</summary>
public sealed record BulkRetractionResponse(
    Guid PollId, bool DryRun, bool Replayed, DateTimeOffset At, string Reason, int Count, IReadOnlyList<AffectedVote> Votes, long? LastSequence)
{
    public static BulkRetractionResponse From(BulkRetraction r) =>
        new(r.PollId, r.DryRun, r.Replayed, r.At, r.Reason, r.Votes.Count, r.Votes, LastOf(r.Votes));

    public static long? LastOf(IReadOnlyList<AffectedVote> votes) => votes.Max(v => v.Sequence);
}

public sealed record ReinstatementRequest(List<Guid>? VoteIds, string? Reason);

public sealed record ReinstatementResponse(
    Guid PollId, bool Replayed, DateTimeOffset At, IReadOnlyList<AffectedVote> Reinstated, IReadOnlyList<RefusedReinstatement> Refused, long? LastSequence)
{
    public static ReinstatementResponse From(Reinstatement r) =>
        new(r.PollId, r.Replayed, r.At, r.Reinstated, r.Refused, BulkRetractionResponse.LastOf(r.Reinstated));
}
