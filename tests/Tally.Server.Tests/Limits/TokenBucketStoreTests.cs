using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Limits;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Limits;

public sealed class TokenBucketStoreTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ARequestOneBucketRefusesTakesNothingFromTheOthersAndWaitsForTheLastToRefill(Stack stack)
    {
        // A generous Redis timeout, so no slow answer on a busy machine sends the Redis stack to the memory fallback.
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Redis:Timeout=00:00:30");
        var buckets = host.Services.GetRequiredService<ITokenBuckets>();
        Assert.IsType(stack == Stack.Embedded ? typeof(MemoryTokenBuckets) : typeof(RedisTokenBuckets), buckets);
        var voter = Key("test-voter", 3, Hour);
        var address = Key("test-ip", 1, Hour);
        var slower = Key("test-slower", 1, 2 * Hour);
        Assert.Null(await buckets.TakeAsync([address]));
        Assert.Null(await buckets.TakeAsync([slower]));

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add(await buckets.TakeAsync([voter, address, slower]));
        }
        // The refusals spent none of the voter's tokens.
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await buckets.TakeAsync([voter]));
        }
        Assert.NotNull(await buckets.TakeAsync([voter]));
        // Served only once both empty buckets have refilled: the slower one's wait.
        Assert.All(waits, wait => Assert.True(wait > Hour, $"refused with a wait of {wait}, not the slower bucket's"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task RequestsArrivingAtOnceGetEachBucketsTokensExactlyOnce(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Redis:Timeout=00:00:30");
        var buckets = host.Services.GetRequiredService<ITokenBuckets>();
        var bucket = new Bucket("test-crowd", new BucketOptions { TokenLimit = 3, TokensPerPeriod = 1, ReplenishmentPeriod = Hour });
        const int subjects = 100, requestsEach = 6;

        // More requests than one Redis script call carries, arriving together: calls carry several requests for one bucket.
        var requests = Enumerable.Range(0, subjects * requestsEach)
            .Select(i => Task.Run(async () => (Subject: i % subjects, Wait: await buckets.TakeAsync([new BucketKey(bucket, $"s{i % subjects}")]))))
            .ToList();
        var answers = await Task.WhenAll(requests);

        Assert.All(answers.GroupBy(a => a.Subject), subject =>
        {
            Assert.Equal(3, subject.Count(a => a.Wait is null));
            Assert.All(subject.Where(a => a.Wait is not null), a => Assert.True(a.Wait > TimeSpan.Zero && a.Wait <= Hour, $"waits {a.Wait}"));
        });
    }

    private static BucketKey Key(string name, int tokens, TimeSpan period) =>
        new(new Bucket(name, new BucketOptions { TokenLimit = tokens, TokensPerPeriod = 1, ReplenishmentPeriod = period }), "subject");
}
