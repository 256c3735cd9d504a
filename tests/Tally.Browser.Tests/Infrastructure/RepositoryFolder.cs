namespace Tally.Browser.Tests.Infrastructure;

/// <summary>Folders at the repository's root, found from wherever the tests run.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>artifacts/screenshots/</c> at the root, created when first asked for.</summary>
    public static string Screenshots
    {
        get
        {
            var artifacts = Directory.CreateDirectory(Path.Combine(Root, "artifacts"));
            // Test output, never committed: the folder ignores itself, as tool caches do.
            File.WriteAllText(Path.Combine(artifacts.FullName, ".gitignore"), "*\n");
            return artifacts.CreateSubdirectory("screenshots").FullName;
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tally.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Tally.slnx above {AppContext.BaseDirectory}.");
    }
}
