using Microsoft.Extensions.Options;
using Tally.Views.Fraud;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Fraud;

/// <summary>The fraud contract against a real Redis (TALLY_TEST_REDIS), under a key prefix of its own.</summary>
public sealed class RedisFraudContract(RedisServer redis) : FraudContract, IClassFixture<RedisServer>
{
    private readonly string _prefix = SharedRedis.NewKeyPrefix();

    private protected override FraudViews Create(TimeProvider clock) =>
        new(new RedisFraudProjection(redis.Store(_prefix), clock, Options.Create(new FraudOptions())));

    public override async ValueTask DisposeAsync() => await redis.DeleteAsync(_prefix);
}
