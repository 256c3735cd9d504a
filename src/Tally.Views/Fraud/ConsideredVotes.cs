using System.Buffers;

namespace Tally.Views.Fraud;

/// <summary>The positions of the votes a query looks at, in a pooled array given back on dispose.</summary>
internal sealed class ConsideredVotes(int[] positions, int count) : IDisposable
{
    public ReadOnlySpan<int> Positions => positions.AsSpan(0, count);

    public void Dispose() => ArrayPool<int>.Shared.Return(positions);
}
