using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Bench.Fraud;

/// <summary>
/// A synthetic log of one poll's votes over two hours ending now: one vote in ten from a few bot addresses with one user
/// agent, the rest from many addresses (three to a /24) with about twenty user agents.
/// </summary>
public static class FraudBenchLog
{
    public const int BotAddresses = 5;
    public const int Agents = 20;
    public static readonly TimeSpan Span = TimeSpan.FromHours(2);

    public static (Poll Poll, StoredEvent[] Events, DateTimeOffset End) Create(int votes)
    {
        var end = DateTimeOffset.UtcNow;
        var start = end - Span;
        var poll = new Poll(Guid.CreateVersion7(start), "bench", "Fraud bench", null, [new PollOption(1, "A"), new PollOption(2, "B")], [], null, null,
            new PollSettings(ResultsVisibility.Live, AllowVoteChange: true), start, null);
        var events = new StoredEvent[votes + 1];
        events[0] = new StoredEvent(1, start, new PollCreated(poll));
        var bots = Enumerable.Range(1, BotAddresses).Select(i => $"45.33.10.{i}").ToArray();
        var agents = Enumerable.Range(1, Agents).Select(i => $"Mozilla/5.0 (X11; Linux x86_64) bench/{i}").ToArray();
        var humans = Math.Max(1, votes * 9 / 10 * 3 / 5);
        var random = new Random(42);
        for (var i = 0; i < votes; i++)
        {
            var at = start + Span * ((double)i / votes);
            var bot = i % 10 == 0;
            var cast = new VoteCast(
                Guid.CreateVersion7(at),
                poll.Id,
                $"voter-{i}",
                1 + i % 2,
                null,
                at,
                bot ? bots[i / 10 % BotAddresses] : Human(random.Next(humans)),
                bot ? "python-requests/2.31.0" : agents[random.Next(Agents)]);
            events[i + 1] = new StoredEvent(i + 2, at, cast);
        }
        return (poll, events, end);
    }

    // Three addresses to a /24, the networks counted up from 11.0.0.0.
    private static string Human(int n)
    {
        var network = n / 3;
        return $"{11 + (network >> 16)}.{(network >> 8) & 255}.{network & 255}.{1 + n % 3}";
    }
}
