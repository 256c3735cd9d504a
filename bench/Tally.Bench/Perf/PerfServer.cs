using Tally.Bench.Hosting;

namespace Tally.Bench.Perf;

/// <summary>One server under test as the perf bench launched it; <see cref="Metrics"/> is where a Tally answers <c>/metrics</c>.</summary>
public sealed record PerfServer(string Name, ChildServer Child, Uri? Metrics) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Child.DisposeAsync();
}
