using Tally.Bench.Hosting;

namespace Tally.Bench.Baseline;

public static class BaselineLauncher
{
    /// <param name="plainJwtBearer">A plain <c>AddJwtBearer</c> instead of Tally's own authentication.</param>
    public static ChildServer Start(string scratchDirectory, string issuerKeyBase64, bool plainJwtBearer = false)
    {
        var port = FreePort.Pick();
        var benchDll = typeof(BaselineLauncher).Assembly.Location;
        // Same log level as Tally; an empty working directory so no stray appsettings.json is picked up.
        return ChildServer.Start(
            plainJwtBearer ? "plain JwtBearer hello" : "baseline server",
            [benchDll, BaselineServer.Mode, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", issuerKeyBase64,
                "--auth", plainJwtBearer ? "plain" : "tally"],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" },
            scratchDirectory,
            port);
    }
}
