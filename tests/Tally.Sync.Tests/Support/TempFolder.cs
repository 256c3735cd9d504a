using Microsoft.Data.Sqlite;

namespace Tally.Sync.Tests.Support;

/// <summary>A fresh folder for one test's ledger, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tally-sync-tests-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
