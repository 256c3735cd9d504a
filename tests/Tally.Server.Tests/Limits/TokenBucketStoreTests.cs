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

    private static BucketKey Key(string name, int tokens, TimeSpan period) =>
        new(new Bucket(name, new BucketOptions { TokenLimit = tokens, TokensPerPeriod = 1, ReplenishmentPeriod = period }), "subject");
}
