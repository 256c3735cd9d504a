using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.VoterStatus;

namespace Tally.Views.Redis;

/// <summary>Each voter's live vote per poll: a hash per poll, voter → "vote-id|option|voted-at"; a retraction removes it.</summary>
public sealed class RedisVoterStatusProjection(RedisViewStore store) : RedisProjection(store), IVoterStatusView
{
    public override string Name => "voter_status";

    public async ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct)
    {
        var stored = await Store.Database.HashGetAsync(Store.Keys.Voters(pollId), voterId).ConfigureAwait(false);
        if (stored.IsNull)
        {
            return null;
        }
        var parts = ((string)stored!).Split('|', 3);
        return new VoterBallot(Guid.ParseExact(parts[0], "N"), int.Parse(parts[1], CultureInfo.InvariantCulture), RedisJson.Time(parts[2]));
    }

    private protected override void Describe(StoredEvent stored, ChangeSet changes)
    {
        switch (stored.Event)
        {
            case VoteCast cast:
                changes.Unguarded().WriteField(Store.Keys.Voters(cast.PollId), cast.VoterId,
                    $"{cast.VoteId:N}|{cast.OptionId.ToString(CultureInfo.InvariantCulture)}|{RedisJson.Time(cast.RecordedAt)}");
                break;
            case VoteRetracted retracted:
                changes.Unguarded().DeleteField(Store.Keys.Voters(retracted.PollId), retracted.VoterId);
                break;
        }
    }
}
