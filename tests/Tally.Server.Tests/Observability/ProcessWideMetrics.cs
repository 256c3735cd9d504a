namespace Tally.Server.Tests.Observability;

/// <summary>
/// OpenTelemetry listens to meters by name across the whole process, so a host's /metrics also counts what other test
/// hosts running alongside do (their live streams, their refusals). Tests that read exact figures run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}
