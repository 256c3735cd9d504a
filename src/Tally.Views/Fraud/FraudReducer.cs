using Tally.Domain.Events;
using Tally.Domain.Fraud;

namespace Tally.Views.Fraud;

/// <summary>
/// The one place that says what each event changes in the fraud view, whichever store holds it. Retention is judged
/// against <c>now</c> as events are applied, so a replay never brings back the votes of a poll closed long ago.
/// </summary>
internal static class FraudReducer
{
    public static void Apply(StoredEvent stored, IFraudSink sink, FraudOptions options, DateTimeOffset now)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                var closesAt = poll.ClosedAt ?? poll.EndTime;
                sink.Start(poll.Id, closesAt, options.Expired(closesAt, now));
                break;
            case VoteCast cast:
                var address = FraudVote.AddressOf(cast.IpAddress);
                var network = address is null ? null : ClientNetwork.Of(cast.IpAddress);
                sink.Record(
                    cast.PollId,
                    new FraudVote(
                        cast.VoteId,
                        stored.Sequence,
                        cast.RecordedAt.UtcTicks,
                        address is not null,
                        address ?? UInt128.Zero,
                        FraudKeys.Of(network),
                        FraudKeys.Of(cast.UserAgent),
                        FraudKeys.Of(cast.VoterId)),
                    network,
                    cast.UserAgent);
                break;
            case VoteRetracted retracted:
                sink.Live(retracted.PollId, retracted.VoteId, live: false);
                break;
            case VoteReinstated reinstated:
                sink.Live(reinstated.PollId, reinstated.VoteId, live: true);
                break;
            case PollClosed closed:
                sink.Close(closed.PollId, closed.ClosedAt, options.Expired(closed.ClosedAt, now));
                break;
            case UserRegistered registered:
                sink.Register(FraudKeys.Of(registered.VoterId), new FraudRegistration(registered.RegisteredAt.UtcTicks, stored.Sequence));
                break;
        }
    }
}
