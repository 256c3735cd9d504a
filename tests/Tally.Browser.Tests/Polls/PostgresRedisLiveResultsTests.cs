using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Polls;

[Collection(PostgresRedisCollection.Name)]
public sealed class PostgresRedisLiveResultsTests(PostgresRedisSite site) : LiveResultsScenario(site);
