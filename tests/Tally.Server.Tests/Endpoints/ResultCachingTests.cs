using System.Net;
using System.Net.Http.Headers;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

/// <summary>
/// GET …/results for browsers and CDNs: an ETag that changes exactly when the answer does, 304 to If-None-Match, a
/// second of caching, and never a shared copy of an answer only some callers may see. On PostgreSQL + Redis these reads
/// come from the node's near cache, which must never answer older than the node's applied checkpoint.
/// </summary>
public sealed class ResultCachingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheETagStaysWhileTheTallyStandsStillAndAnIfNoneMatchForItIsAnswered304(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var receipt = await Expect.JsonAsync(await host.Voter("a").VoteAsync(id, 1), 201);
        await Expect.StatusAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={receipt["sequence"]}", Ct), 200);

        using var first = await host.Client.GetAsync($"/v1/polls/{id}/results", Ct);
        using var second = await host.Client.GetAsync($"/v1/polls/{id}/results", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak, "as_of and sequence move while the tally stands still: the ETag is weak");
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal("public, max-age=1", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/polls/{id}/results");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));

        using var other = new HttpRequestMessage(HttpMethod.Get, $"/v1/polls/{id}/results");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"", isWeak: true));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(other, Ct)).StatusCode);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AVoteChangesTheETagAndAnOldOneGetsTheNewAnswer(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        using var before = await host.Client.GetAsync($"/v1/polls/{id}/results", Ct);
        var etag = before.Headers.ETag!;

        var receipt = await Expect.JsonAsync(await host.Voter("a").VoteAsync(id, 2), 201);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/polls/{id}/results?min_sequence={receipt["sequence"]}");
        request.Headers.IfNoneMatch.Add(etag);
        using var after = await host.Client.SendAsync(request, Ct);

        var results = await Expect.JsonAsync(after, 200);
        Assert.Equal(1, (long)results["total_votes"]!);
        Assert.NotEqual(etag, after.Headers.ETag);
        await Eventually.HoldsAsync(async () =>
        {
            using var plain = new HttpRequestMessage(HttpMethod.Get, $"/v1/polls/{id}/results");
            plain.Headers.IfNoneMatch.Add(etag);
            using var answer = await host.Client.SendAsync(plain, Ct);
            return answer.StatusCode == HttpStatusCode.OK && answer.Headers.ETag != etag;
        }, Patience, "a read without min_sequence shows the vote too", Ct);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ResultsOnlySomeCallersMaySeeAreNeverLeftToASharedCache(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var id = (string)(await host.CreatePollAsync(owner, new
        {
            title = "Hidden",
            options = new[] { new { text = "A" }, new { text = "B" } },
            settings = new { results_visibility = "never", allow_vote_change = false },
        }))["id"]!;
        var receipt = await Expect.JsonAsync(await host.Voter("v1").VoteAsync(id, 1, region: null), 201);

        using var mine = await owner.GetAsync($"/v1/polls/{id}/results?min_sequence={receipt["sequence"]}", Ct);
        Assert.Equal(1, (long)(await Expect.JsonAsync(mine, 200))["total_votes"]!);
        Assert.DoesNotContain("public", mine.Headers.CacheControl?.ToString() ?? "");
        Assert.True(mine.Headers.CacheControl is { NoStore: true } or { Private: true }, mine.Headers.CacheControl?.ToString());

        // The owner's read filled the node's cache; an anonymous caller must still be refused, with nothing to share.
        for (var i = 0; i < 3; i++)
        {
            using var anonymous = await host.Client.GetAsync($"/v1/polls/{id}/results", Ct);
            await Expect.ProblemAsync(anonymous, 403, "RESULTS_HIDDEN");
            Assert.DoesNotContain("public", anonymous.Headers.CacheControl?.ToString() ?? "");
        }
    }

    /// <summary>
    /// Each vote is followed at once by a read of the voter's own sequence, between reads that fill the cache: every
    /// read that says min_sequence was met holds the vote, and so does the heatmap read right after it.
    /// </summary>
    [Theory, ClassData(typeof(BothStacks))]
    public async Task EveryReadOfTheVotersOwnSequenceHoldsTheirVoteThoughTheCacheWasFilledJustBefore(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        for (var i = 1; i <= 40; i++)
        {
            await Expect.StatusAsync(await host.Client.GetAsync($"/v1/polls/{id}/results", Ct), 200);
            await Expect.StatusAsync(await host.Client.GetAsync($"/v1/polls/{id}/heatmap", Ct), 200);
            var receipt = await Expect.JsonAsync(await host.Voter($"voter-{i}").VoteAsync(id, i % 3 + 1), 201);

            var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={receipt["sequence"]}", Ct), 200);
            Assert.True((bool)results["min_sequence_met"]!);
            Assert.Equal(i, (long)results["total_votes"]!);
            Assert.True((long)results["sequence"]! >= (long)receipt["sequence"]!);
            var heatmap = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/heatmap", Ct), 200);
            Assert.Equal(i, heatmap["regions"]!.AsArray().Sum(r => (long)r!["total_votes"]!));
        }
    }
}
