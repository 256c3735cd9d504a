using Microsoft.Data.Sqlite;

namespace Tally.Server.Tests.Infrastructure;

public static class TempFolder
{
    public static string Create() => Directory.CreateTempSubdirectory("tally-test-").FullName;

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled handle; the OS temp cleaner will get it.
        }
    }
}
