namespace Tally.Bench.Phases;

/// <summary>One side of a two-node comparison: what it is called in the report, the build it runs and its settings.</summary>
public sealed record ComparedNode(string Label, string ServerDll, IReadOnlyDictionary<string, string> Settings);
