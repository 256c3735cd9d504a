using System.Diagnostics;
using Tally.Bench.Load;

namespace Tally.Bench.Phases;

/// <param name="Observed">The last total_votes seen, or null if results could not be read at all.</param>
public sealed record ExactnessResult(long Expected, long? Observed, long Ambiguous, TimeSpan Waited)
{
    public bool Matched => Observed == Expected;
}

/// <summary>
/// Every 201 is a promise that the vote counts; once the read model settles its total must equal
/// the number of 201s exactly — no lost votes, no phantom ones.
/// </summary>
public static class ExactnessCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<ExactnessResult> RunAsync(
        Uri baseAddress, ResultsReader reader, string token, VotePhaseResult votes, CancellationToken ct)
    {
        using var handler = LoadClients.CreateHandler(1);
        using var client = LoadClients.Create(handler, baseAddress);
        var start = Stopwatch.GetTimestamp();
        // The first read waits server-side for the highest sequence we were given; later ones poll.
        var results = await reader.ReadAsync(client, token, votes.MaxSequence > 0 ? votes.MaxSequence : null, ct);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (results?.TotalVotes != votes.Durable && Stopwatch.GetElapsedTime(start) < Timeout)
        {
            await poll.WaitForNextTickAsync(ct);
            results = await reader.ReadAsync(client, token, null, ct) ?? results;
        }
        return new ExactnessResult(votes.Durable, results?.TotalVotes, votes.Ambiguous, Stopwatch.GetElapsedTime(start));
    }
}
