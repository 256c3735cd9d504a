namespace Tally.Testing;

/// <summary>Where scripts/test-services.sh says the run's servers are.</summary>
public static class TestServices
{
    /// <summary>
    /// The variable's value. Never skipped: a run without the servers must fail loudly rather than pass without testing
    /// what needs them.
    /// </summary>
    public static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run via scripts/test.sh, or source scripts/test-services.sh and call test_services_start.");
}
