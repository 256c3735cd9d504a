namespace Tally.Browser.Tests.Infrastructure;

/// <summary>The site on a fresh PostgreSQL database and Redis key prefix of the run's servers (scripts/test-services.sh).</summary>
public sealed class PostgresRedisSite : TallySite
{
    protected override SharedServers? CreateServers() => SharedServers.Create();
}
