using Microsoft.Data.Sqlite;

namespace Tally.Testing;

/// <summary>A fresh folder of one test's own, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tally-test-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled handle; the OS temp cleaner will get it.
        }
    }
}
