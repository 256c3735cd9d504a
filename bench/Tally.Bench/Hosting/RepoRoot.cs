namespace Tally.Bench.Hosting;

/// <summary>Locates the repository by its solution file so default paths work from any subdirectory.</summary>
public static class RepoRoot
{
    public const string Marker = "Tally.slnx";

    public static string Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No {Marker} found in {startDirectory} or above; run from inside the repository or pass --server-dll.");
    }

    public static string DefaultServerDll(string startDirectory) =>
        Path.Combine(Find(startDirectory), "src", "Tally.Server", "bin", "Release", "net10.0", "Tally.Server.dll");
}
