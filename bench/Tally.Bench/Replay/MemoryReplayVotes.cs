using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Bench.Replay;

/// <summary>
/// A synthetic event log, no ledger: <c>polls</c> polls of four options and five regions, then votes in turn across the
/// polls by voters <c>bench:voter-N</c> (each votes once per poll, as the bench's voters do), with every twentieth vote
/// retracted and cast again for another option. Made as it is read, so that only a batch at a time is held, as when
/// the daemon reads the ledger.
/// </summary>
internal static class MemoryReplayVotes
{
    private static readonly string[] Regions = ["EU", "US", "APAC", "LATAM", "AF"];

    public static IEnumerable<StoredEvent> Make(int votes, int polls)
    {
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var sequence = 0L;
        var ids = new Poll[polls];
        for (var p = 0; p < polls; p++)
        {
            ids[p] = new Poll(Guid.CreateVersion7(start), "owner", $"Bench poll {p} lunch", null,
                Enumerable.Range(1, 4).Select(i => new PollOption(i, $"Option {i}")).ToArray(), Regions, null, null,
                new PollSettings(ResultsVisibility.Live, AllowVoteChange: true), start, null);
            yield return new StoredEvent(++sequence, start, new PollCreated(ids[p]));
        }
        for (var v = 0; v < votes; v++)
        {
            var poll = ids[v % polls];
            var voter = $"bench:voter-{v / polls + 1}";
            var at = start.AddMilliseconds(v);
            var region = Regions[v % Regions.Length];
            var cast = new VoteCast(Guid.CreateVersion7(at), poll.Id, voter, v % 4 + 1, region, at);
            yield return new StoredEvent(++sequence, at, cast);
            if (v % 20 == 0)
            {
                yield return new StoredEvent(++sequence, at, new VoteRetracted(cast.VoteId, poll.Id, voter, cast.OptionId, region, at));
                yield return new StoredEvent(++sequence, at, cast with { VoteId = Guid.CreateVersion7(at), OptionId = cast.OptionId % 4 + 1 });
            }
        }
    }
}
