using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Limits;

public sealed class LiveStreamCapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, ClassData(typeof(BothStacks))]
    public async Task StreamsBeyondTheCapPerAddressAreRefusedAndAClosedStreamFreesItsSlot(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, ["--Tally:Limits:Live:PerIp=2", "--Tally:Limits:Live:RetryAfter=00:00:01"]);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        using var timeout = new CancellationTokenSource(Patience);
        Task<HttpResponseMessage> Open() => host.NewClient().GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        var first = await Open();
        using var second = await Open();
        await Expect.StatusAsync(first, 200);
        await Expect.StatusAsync(second, 200);
        await RateLimited.ExpectAsync(await Open());

        first.Dispose();
        using var third = await RateLimited.UntilServedAsync(Open, Patience);
        await Expect.StatusAsync(third, 200);
        Assert.Equal("text/event-stream", third.Content.Headers.ContentType?.MediaType);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task StreamsBeyondTheCapPerNodeAreRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Live:PerNode=1");
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        using var open = await host.NewClient().GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead);
        await Expect.StatusAsync(open, 200);
        await RateLimited.ExpectAsync(await host.NewClient().GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead));
    }
}
