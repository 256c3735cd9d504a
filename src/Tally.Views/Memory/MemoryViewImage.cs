namespace Tally.Views.Memory;

/// <summary>
/// A memory view's state captured at one checkpoint, which later batches leave alone: written out on any thread, then
/// released (whether it was written or not) so the view stops keeping what only the image still reads.
/// </summary>
internal sealed class MemoryViewImage(string name, Action<BinaryWriter> write, Action? release = null) : IDisposable
{
    public string Name => name;

    public void WriteTo(BinaryWriter writer) => write(writer);

    public void Dispose() => release?.Invoke();
}
