using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class LiveStreamTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheStreamSendsCurrentResultsAtOnceAndAgainWhenTheyChange(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        await Expect.StatusAsync(await host.Voter("early").VoteAsync(id, 1), 201);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await host.Client.GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await Expect.StatusAsync(response, 200);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        // Even for an anonymous viewer no cache may keep or replay the stream.
        Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await reader.NextResultsAsync(timeout.Token);
        await WaitForTotalAsync(reader, first, 1, timeout.Token);

        await Expect.StatusAsync(await host.Voter("late").VoteAsync(id, 2), 201);
        var changed = await WaitForTotalAsync(reader, await reader.NextResultsAsync(timeout.Token), 2, timeout.Token);
        Assert.Equal([1L, 1L, 0L], changed["options"]!.AsArray().Select(o => (long)o!["votes"]!));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AStreamForAnUnknownPollIsNotFound(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{Guid.NewGuid()}/live"), 404, "POLL_NOT_FOUND");
    }

    /// <summary>Reads messages until one shows the wanted total (earlier ones may predate the change).</summary>
    private static async Task<JsonObject> WaitForTotalAsync(StreamReader reader, JsonObject current, long total, CancellationToken ct)
    {
        while ((long)current["total_votes"]! < total)
        {
            current = await reader.NextResultsAsync(ct);
        }
        Assert.Equal(total, (long)current["total_votes"]!);
        return current;
    }
}
