using System.Net.Sockets;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>One client's connection through a <see cref="CuttingProxy"/> and its connection on to the server.</summary>
internal sealed class ProxyLink(TcpClient client, TcpClient server)
{
    public TcpClient Client { get; } = client;

    public TcpClient Server { get; } = server;

    public volatile ArmedCut? Cut;

    /// <summary>The armed cut whose <see cref="ArmedCut.OnLinkThatSent"/> this connection sent.</summary>
    public volatile ArmedCut? Primed;
}
