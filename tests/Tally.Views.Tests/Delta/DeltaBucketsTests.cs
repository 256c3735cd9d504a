using Tally.Views.Delta;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Delta;

public sealed class DeltaBucketsTests
{
    private static readonly DateTimeOffset T0 = EventScript.Start;

    [Fact]
    public void BucketsAreFiveSecondsWideAndAligned()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), DeltaBuckets.Width);
        Assert.Equal(DeltaBuckets.BucketOf(T0), DeltaBuckets.BucketOf(T0.AddSeconds(4.999)));
        Assert.Equal(DeltaBuckets.BucketOf(T0) + 1, DeltaBuckets.BucketOf(T0.AddSeconds(5)));
        Assert.Equal(T0, DeltaBuckets.StartOf(DeltaBuckets.BucketOf(T0.AddSeconds(3))));
    }
}
