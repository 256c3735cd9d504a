using System.Diagnostics;
using HdrHistogram;
using Tally.Bench.Load;
using Tally.Bench.Phases;
using Tally.Bench.Tokens;

namespace Tally.Bench.Live;

/// <summary>
/// Votes at a fixed rate (open loop: each is sent when due, whether or not the earlier ones were answered), each from
/// a voter of its own, keeping every acknowledged vote's sequence and when its 201 arrived.
/// </summary>
public sealed class LiveVotes
{
    private readonly long[] _sequences;
    private readonly long[] _acknowledged;

    private LiveVotes(int count)
    {
        _sequences = new long[count];
        _acknowledged = new long[count];
    }

    public LongHistogram Latency { get; } = Histograms.Microseconds();

    public required VoteCaster Caster { get; init; }

    /// <summary>The acknowledged votes: sequence and Stopwatch timestamp of the 201.</summary>
    public IEnumerable<(long Sequence, long At)> Acknowledged =>
        _sequences.Zip(_acknowledged).Where(vote => vote.First > 0);

    public static async Task<LiveVotes> CastAsync(HttpClient client, VoteCaster caster, VoterTokens tokens, int rate, TimeSpan duration, CancellationToken ct)
    {
        var votes = new LiveVotes((int)(rate * duration.TotalSeconds)) { Caster = caster };
        var inFlight = new List<Task>(votes._sequences.Length);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < votes._sequences.Length && tokens.TryTakeUnused(out var token); i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, ct);
            }
            inFlight.Add(votes.CastOneAsync(client, i, token, ct));
        }
        await Task.WhenAll(inFlight);
        return votes;
    }

    private async Task CastOneAsync(HttpClient client, int index, string token, CancellationToken ct)
    {
        var sent = Stopwatch.GetTimestamp();
        var receipt = await Caster.CastAsync(client, token, ct);
        var at = Stopwatch.GetTimestamp();
        if (receipt is not null)
        {
            _sequences[index] = receipt.Sequence;
            _acknowledged[index] = at;
            lock (Latency)
            {
                Latency.RecordValue(Histograms.ElapsedMicros(sent, at));
            }
        }
    }
}
