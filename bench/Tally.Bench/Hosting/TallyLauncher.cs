using Tally.Bench.Tokens;

namespace Tally.Bench.Hosting;

/// <summary>Starts the built Tally.Server on a free loopback port, trusting the bench's token issuer.</summary>
public static class TallyLauncher
{
    /// <summary>The given dll, or the repository's Release build; throws if it has not been built.</summary>
    public static string Locate(string? serverDll)
    {
        var path = Path.GetFullPath(serverDll ?? RepoRoot.DefaultServerDll(Environment.CurrentDirectory));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} does not exist; build it first: dotnet build -c Release src/Tally.Server", path);
    }

    /// <param name="settings">More environment variables (configuration with <c>__</c> for <c>:</c>), e.g. the views provider.</param>
    public static ChildServer Start(string serverDll, string dataPath, string issuerKeyBase64, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Pick();
        var environment = new Dictionary<string, string>
        {
            ["Tally__DataPath"] = dataPath,
            ["Tally__Auth__ExternalIssuers__0__Issuer"] = BenchIssuer.Issuer,
            ["Tally__Auth__ExternalIssuers__0__Key"] = issuerKeyBase64,
            ["Tally__Auth__ExternalIssuers__0__Audience"] = BenchIssuer.Audience,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        // Run from the dll's folder, as a deployment would, so the server's own appsettings.json applies.
        return ChildServer.Start(
            "Tally.Server",
            [serverDll, "--urls", $"http://127.0.0.1:{port}"],
            environment,
            Path.GetDirectoryName(Path.GetFullPath(serverDll))!,
            port);
    }
}
