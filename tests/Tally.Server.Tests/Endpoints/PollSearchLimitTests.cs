using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

/// <summary>What a listing may ask the stores to do is bounded: the search's length and words, and the page depth.</summary>
public sealed class PollSearchLimitTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task SearchesAndPagesBeyondTheLimitsAreRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await host.CreatePollAsync(host.Voter("owner"), new { title = "one two three four five six seven eight", options = new[] { new { text = "Y" }, new { text = "N" } } });

        const string eightWords = "one%20two%20three%20four%20five%20six%20seven%20eight";
        var found = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls?q={eightWords}"), 200);
        Assert.Equal(1, (int)found["total"]!);
        var deepest = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls?q={eightWords}&page=500"), 200);
        Assert.Equal((1, 0), ((int)deepest["total"]!, deepest["polls"]!.AsArray().Count));

        var nine = await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls?q={eightWords}%20nine"), 400, "VALIDATION_FAILED");
        Assert.True(nine["errors"]!.AsObject().ContainsKey("q"));
        var tooLong = await Expect.ProblemAsync(await host.Client.GetAsync("/v1/polls?q=" + new string('a', 201)), 400, "VALIDATION_FAILED");
        Assert.True(tooLong["errors"]!.AsObject().ContainsKey("q"));
        var tooDeep = await Expect.ProblemAsync(await host.Client.GetAsync("/v1/polls?page=501"), 400, "VALIDATION_FAILED");
        Assert.True(tooDeep["errors"]!.AsObject().ContainsKey("page"));
    }
}
