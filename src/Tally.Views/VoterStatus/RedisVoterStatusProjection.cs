using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Redis;

namespace Tally.Views.VoterStatus;

/// <summary>Each voter's live vote per poll: a hash per poll, voter → "vote-id|option|voted-at"; a retraction removes it.</summary>
public sealed class RedisVoterStatusProjection(RedisViewStore store) : RedisProjection(store), IVoterStatusView, IVoterStatusSink
{
    public override string Name => "voter_status";

    public async ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return null;
        }
        var stored = await Store.Database.HashGetAsync(keys.Voters(pollId), voterId).ConfigureAwait(false);
        if (stored.IsNull)
        {
            return null;
        }
        var parts = ((string)stored!).Split('|', 3);
        return new VoterBallot(Guid.ParseExact(parts[0], "N"), int.Parse(parts[1], CultureInfo.InvariantCulture), RedisJson.Time(parts[2]));
    }

    private protected override void Describe(StoredEvent stored) => VoterStatusReducer.Apply(stored, this);

    private protected override ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<RedisKey>>([generation.Voters(pollId)]);

    private protected override RedisProjection Twin() => new RedisVoterStatusProjection(Store);

    void IVoterStatusSink.Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt) =>
        Chunk.Unguarded().WriteField(Keys.Voters(pollId), voterId,
            $"{voteId:N}|{optionId.ToString(CultureInfo.InvariantCulture)}|{RedisJson.Time(votedAt)}");

    void IVoterStatusSink.Retracted(Guid pollId, string voterId) => Chunk.Unguarded().DeleteField(Keys.Voters(pollId), voterId);
}
