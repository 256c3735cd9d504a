using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Endpoints;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class LiveFrameSharingTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task SeveralViewersOfOnePollReceiveTheSameSequencesAfterVotes(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Live:PerIp=10");
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var viewers = new List<StreamReader>();
        for (var i = 0; i < 4; i++)
        {
            var response = await host.Client.GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await Expect.StatusAsync(response, 200);
            viewers.Add(new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token)));
        }

        for (var i = 0; i < 3; i++)
        {
            await Expect.StatusAsync(await host.Voter($"voter-{i}").VoteAsync(id, 1 + i % 2), 201);
        }

        var last = new List<JsonObject>();
        foreach (var viewer in viewers)
        {
            var results = await viewer.NextResultsAsync(timeout.Token);
            while ((long)results["total_votes"]! < 3)
            {
                results = await viewer.NextResultsAsync(timeout.Token);
            }
            last.Add(results);
        }
        Assert.Single(last.Select(r => (long)r["sequence"]!).Distinct());
        Assert.Single(last.Select(r => r["options"]!.ToJsonString()).Distinct());
        Assert.Equal([2L, 1L, 0L], last[0]["options"]!.AsArray().Select(o => (long)o!["votes"]!));
        viewers.ForEach(v => v.Dispose());
    }

    [Fact]
    public async Task ConcurrentAsksForOnePollAndSequenceBuildOneFrame()
    {
        // A long interval, so a slow machine cannot age the frame between the asks.
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded, "--Tally:Reads:LiveMinInterval=00:01:00");
        var id = Guid.Parse((string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!);
        await Expect.StatusAsync(await host.Voter("voter").VoteAsync(id.ToString(), 1), 201);
        var frames = host.Services.GetRequiredService<LiveFrames>();
        var (sequence, visible) = await host.Services.GetRequiredService<ResultsReader>()
            .ReadVisibleWithCheckpointAsync(id, new ClaimsPrincipal(), CancellationToken.None);
        var poll = visible.Value!;

        frames.Open(id);
        try
        {
            using var start = new ManualResetEventSlim();
            var asks = Enumerable.Range(0, 16)
                .Select(_ => Task.Run(async () =>
                {
                    start.Wait();
                    return await frames.GetAsync(poll, sequence, CancellationToken.None);
                }))
                .ToArray();
            start.Set();
            var built = await Task.WhenAll(asks).WaitAsync(TimeSpan.FromSeconds(30));

            // Each build makes a new frame: one instance means one build.
            Assert.Single(built.Distinct(ReferenceEqualityComparer.Instance));
            Assert.Equal(sequence, built[0].Sequence);
            Assert.Same(built[0], await frames.GetAsync(poll, sequence, CancellationToken.None));
            Assert.NotSame(built[0], await frames.GetAsync(poll, sequence + 1, CancellationToken.None));
        }
        finally
        {
            frames.Close(id);
        }
    }
}
