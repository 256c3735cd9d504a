using System.Net;
using System.Net.Sockets;

namespace Tally.Bench.Hosting;

public static class FreePort
{
    /// <summary>
    /// Asks the OS for an unused loopback port. Another process could take it before the child binds;
    /// the readiness wait then fails loudly instead of measuring the wrong server.
    /// </summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
