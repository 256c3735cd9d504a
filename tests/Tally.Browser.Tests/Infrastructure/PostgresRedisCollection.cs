namespace Tally.Browser.Tests.Infrastructure;

/// <summary>Tests against one site on PostgreSQL and Redis (TALLY_TEST_POSTGRES, TALLY_TEST_REDIS), one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresRedisCollection : ICollectionFixture<PostgresRedisSite>
{
    public const string Name = "PostgreSQL and Redis site";
}
