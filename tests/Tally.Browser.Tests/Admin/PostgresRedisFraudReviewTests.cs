using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Admin;

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresRedisFraudReviewTests(PostgresRedisSite site) : FraudReviewScenario(site);
