using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Phases;
using Tally.Bench.Protocol;
using Tally.Bench.Tokens;

namespace Tally.Bench.Perf;

/// <summary>
/// Creates the bench's four-option poll through the API, each as a new owner (Tally limits how many polls one user
/// creates), and knows the vote bodies of a created poll.
/// </summary>
public sealed class PollMaker(byte[] issuerKey)
{
    private readonly TokenMinter _minter = new(issuerKey);
    private int _owners;

    public async Task<CreatedPoll> CreateAsync(Uri server, CancellationToken ct)
    {
        using var handler = LoadClients.CreateHandler(1);
        using var client = LoadClients.Create(handler, server);
        return await PollSetup.CreateAsync(client, _minter.Mint($"perf-owner-{Interlocked.Increment(ref _owners)}"), ct);
    }

    public async Task<IReadOnlyList<CreatedPoll>> CreateAsync(Uri server, int count, CancellationToken ct)
    {
        var polls = new List<CreatedPoll>(count);
        for (var i = 0; i < count; i++)
        {
            polls.Add(await CreateAsync(server, ct));
        }
        return polls;
    }

    /// <summary>Every option × region body of <paramref name="poll"/>, as JSON text.</summary>
    public static IReadOnlyList<string> Bodies(CreatedPoll poll) =>
        [.. from region in BenchPoll.Regions
            from option in poll.Options
            select JsonSerializer.Serialize(new VoteRequest(option.Id, region), BenchJson.Default.VoteRequest)];
}
