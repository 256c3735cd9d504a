using Tally.Bench.Phases;

namespace Tally.Bench.Catalog;

/// <summary>One server build on one view store, measured on the same polls as the others.</summary>
/// <param name="Build">"new" (the server under test) or "old" (<see cref="CatalogOptions.OldServerDll"/>).</param>
/// <param name="Seed">Set for the run that created the polls.</param>
/// <param name="Ready">From launch until the views listed every poll (a rebuild from the log); null for the seeding run.</param>
/// <param name="RedisBytes">Redis memory the views added (INFO used_memory after minus before); null on memory views.</param>
public sealed record CatalogServerRun(
    string Build,
    string Views,
    SeedResult? Seed,
    TimeSpan? Ready,
    long? RedisBytes,
    IReadOnlyDictionary<string, CatalogAnswer> Answers,
    IReadOnlyDictionary<string, PhaseResult> Phases)
{
    public string Name => $"{Views}, {Build}";
}
