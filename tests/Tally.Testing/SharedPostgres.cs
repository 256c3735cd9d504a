namespace Tally.Testing;

/// <summary>The PostgreSQL that scripts/test-services.sh starts for the run; tests share it, each in a <see cref="FreshDatabase"/>.</summary>
public static class SharedPostgres
{
    public const string Variable = "TALLY_TEST_POSTGRES";

    public static string AdminConnectionString => TestServices.Require(Variable);
}
