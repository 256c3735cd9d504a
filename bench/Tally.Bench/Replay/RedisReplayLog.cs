using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Bench.Replay;

/// <summary>
/// A synthetic event log as a busy ledger writes it: the polls' creations, then votes spread over the polls, options and
/// regions, one second of commit time per thousand votes, and one vote in twenty changed (retracted and cast again).
/// </summary>
internal static class RedisReplayLog
{
    private static readonly string[] Regions = ["EU", "US", "APAC", "LATAM"];

    public static IReadOnlyList<StoredEvent> Create(int polls, int votes)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var random = new Random(9);
        var events = new List<StoredEvent>(polls + votes + votes / 10);
        var created = new Poll[polls];
        for (var i = 0; i < polls; i++)
        {
            created[i] = new Poll(Guid.CreateVersion7(start), "bench-owner", $"Replay poll {i}", null,
                Enumerable.Range(1, 4).Select(o => new PollOption(o, $"Option {o}")).ToArray(), Regions, null, null,
                new PollSettings(ResultsVisibility.Live, AllowVoteChange: true), start, null);
            Append(events, start, new PollCreated(created[i]));
        }
        for (var v = 0; v < votes; v++)
        {
            var poll = created[v % polls];
            var at = start.AddMilliseconds(v);
            var cast = new VoteCast(Guid.CreateVersion7(at), poll.Id, $"voter-{v}", random.Next(1, 5), Regions[random.Next(Regions.Length)], at);
            Append(events, at, cast);
            if (v % 20 == 19)
            {
                Append(events, at, new VoteRetracted(cast.VoteId, poll.Id, cast.VoterId, cast.OptionId, cast.Region, at));
                Append(events, at, cast with { VoteId = Guid.CreateVersion7(at), OptionId = cast.OptionId % 4 + 1 });
            }
        }
        return events;
    }

    private static void Append(List<StoredEvent> events, DateTimeOffset at, LedgerEvent e) => events.Add(new StoredEvent(events.Count + 1, at, e));
}
