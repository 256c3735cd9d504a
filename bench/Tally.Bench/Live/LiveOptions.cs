namespace Tally.Bench.Live;

/// <summary>What one live-viewers benchmark is parameterised by.</summary>
public sealed record LiveOptions
{
    /// <summary>Viewer counts, one fresh server each, measured in turn so their figures compare side by side.</summary>
    public IReadOnlyList<int> Viewers { get; init; } = [1, 100, 1000];

    /// <summary>Votes per second, each from a voter of its own.</summary>
    public int Rate { get; init; } = 200;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Unmeasured voting first, with the viewers open, so the figures describe a server past its JIT warm-up.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after the last vote the viewers may take to see its sequence.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? ServerDll { get; init; }

    /// <summary>Configuration for the launched servers, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();
}
