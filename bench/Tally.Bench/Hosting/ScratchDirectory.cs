namespace Tally.Bench.Hosting;

/// <summary>A fresh temp folder per run, so every run starts from an empty ledger and leaves nothing behind.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tally-bench-").FullName;

    public void Dispose()
    {
        // The killed child may still hold files open for a moment after exit; a few retries avoid leaking the folder.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }
                return;
            }
            catch (IOException) when (attempt < 19)
            {
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException) when (attempt < 19)
            {
                Thread.Sleep(50);
            }
        }
    }
}
