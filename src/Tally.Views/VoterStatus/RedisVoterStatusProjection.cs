using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Redis;

namespace Tally.Views.VoterStatus;

/// <summary>
/// Each voter's vote per poll: a hash per poll, voter → "vote-id|option|voted-at"; the voter's own retraction removes it.
/// An admin's retraction leaves it and names it in a second hash (<see cref="GenerationKeys.VoterRetractions"/>), which a
/// later vote makes stale by its new vote id: a vote, the hot path, writes one field and nothing else.
/// </summary>
public sealed class RedisVoterStatusProjection(RedisViewStore store) : RedisProjection(store), IVoterStatusView, IVoterStatusSink
{
    public override string Name => "voter_status";

    public async ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return null;
        }
        // Both sent before either is awaited: one round trip.
        var held = Store.Database.HashGetAsync(keys.Voters(pollId), voterId);
        var retracted = Store.Database.HashGetAsync(keys.VoterRetractions(pollId), voterId);
        var stored = await held.ConfigureAwait(false);
        var retraction = await retracted.ConfigureAwait(false);
        if (stored.IsNull)
        {
            return null;
        }
        var parts = ((string)stored!).Split('|', 3);
        var ballot = new VoterBallot(Guid.ParseExact(parts[0], "N"), int.Parse(parts[1], CultureInfo.InvariantCulture), RedisJson.Time(parts[2]));
        if (retraction.IsNull)
        {
            return ballot;
        }
        var retractedParts = ((string)retraction!).Split('|', 3);
        return Guid.ParseExact(retractedParts[0], "N") == ballot.VoteId
            ? ballot with { RetractedAt = RedisJson.Time(retractedParts[1]), RetractionReason = retractedParts.Length > 2 ? retractedParts[2] : null }
            : ballot;
    }

    private protected override void Describe(StoredEvent stored) => VoterStatusReducer.Apply(stored, this);

    private protected override ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<RedisKey>>([generation.Voters(pollId), generation.VoterRetractions(pollId)]);

    private protected override RedisProjection Twin() => new RedisVoterStatusProjection(Store);

    void IVoterStatusSink.Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt) => Hold(pollId, voterId, voteId, optionId, votedAt);

    void IVoterStatusSink.Retracted(Guid pollId, string voterId) => Chunk.Unguarded().DeleteField(Keys.Voters(pollId), voterId);

    void IVoterStatusSink.RetractedByAdmin(Guid pollId, string voterId, Guid voteId, DateTimeOffset retractedAt, string? reason) =>
        Chunk.Unguarded().WriteField(Keys.VoterRetractions(pollId), voterId,
            reason is null ? $"{voteId:N}|{RedisJson.Time(retractedAt)}" : $"{voteId:N}|{RedisJson.Time(retractedAt)}|{reason}");

    // The same vote id comes back, so its retraction must go rather than go stale.
    void IVoterStatusSink.Reinstated(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset castAt)
    {
        Hold(pollId, voterId, voteId, optionId, castAt);
        Chunk.Unguarded().DeleteField(Keys.VoterRetractions(pollId), voterId);
    }

    private void Hold(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt) =>
        Chunk.Unguarded().WriteField(Keys.Voters(pollId), voterId,
            $"{voteId:N}|{optionId.ToString(CultureInfo.InvariantCulture)}|{RedisJson.Time(votedAt)}");
}
