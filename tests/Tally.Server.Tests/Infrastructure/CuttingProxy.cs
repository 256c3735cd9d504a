using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of a real server (PostgreSQL here). Armed with a marker, it forwards the client's next
/// message that contains it, then cuts that client's connection (a reset) and drops whatever the server answers: the
/// client is left not knowing what the server did with it, as when a network fails at the worst moment.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private const int TailLength = 64;

    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private ArmedCut? _armed;

    private CuttingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static CuttingProxy Start(int targetPort) => new(targetPort);

    /// <summary>
    /// Arms the cut: the next client message containing <paramref name="marker"/> (ASCII) reaches the server, and its
    /// connection is reset before any answer. The task completes once the server has answered that message, so whatever
    /// it did with it is done.
    /// </summary>
    /// <param name="onLinkThatSent">
    /// When given, only a connection that sent this first (after arming) is cut: background work of the node (a
    /// reconciliation's snapshot, say) commits on other connections and must not take the cut meant for a vote.
    /// </param>
    public Task CutAfter(string marker, string? onLinkThatSent = null)
    {
        var cut = new ArmedCut(Encoding.ASCII.GetBytes(marker), onLinkThatSent is null ? null : Encoding.ASCII.GetBytes(onLinkThatSent));
        if (Interlocked.CompareExchange(ref _armed, cut, null) is not null)
        {
            throw new InvalidOperationException("A cut is armed already.");
        }
        return cut.Answered.Task;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_relays)
                {
                    _relays.Add(RelayAsync(client));
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        Task upstream = Task.CompletedTask;
        Task downstream = Task.CompletedTask;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            client.NoDelay = true;
            server.NoDelay = true;
            var link = new ProxyLink(client, server);
            upstream = Task.Run(() => ForwardClientAsync(link));
            downstream = Task.Run(() => ForwardServerAsync(link));
            await Task.WhenAny(upstream, downstream);
            if (link.Cut is not null)
            {
                // The client is gone; hold the server's side until it has answered the message that was let through.
                await Task.WhenAny(downstream, Task.Delay(Timeout.Infinite, _stop.Token));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
            // The server is down: the client sees its connection closed, as it would without the proxy.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            // A direction ends in an error when the other side goes away first; either way the link is over.
            await Task.WhenAll(upstream, downstream).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ForwardClientAsync(ProxyLink link)
    {
        var from = link.Client.GetStream();
        var to = link.Server.GetStream();
        var buffer = new byte[64 * 1024];
        // The end of the previous read, so a marker split across two reads is still found.
        var tail = Array.Empty<byte>();
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                link.Server.Client.Shutdown(SocketShutdown.Send);
                return;
            }
            var seen = tail.Concat(buffer.Take(read)).ToArray();
            tail = seen[Math.Max(0, seen.Length - TailLength)..];
            if (Volatile.Read(ref _armed) is { OnLinkThatSent: { } prelude } primer && seen.AsSpan().IndexOf(prelude) >= 0)
            {
                link.Primed = primer;
            }
            var cut = Volatile.Read(ref _armed) is { } armed && (armed.OnLinkThatSent is null || link.Primed == armed)
                && seen.AsSpan().IndexOf(armed.Marker) >= 0
                && Interlocked.CompareExchange(ref _armed, null, armed) == armed ? armed : null;
            if (cut is not null)
            {
                // Severed before the message goes on, so no answer to it can slip through to the client.
                link.Cut = cut;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            if (cut is not null)
            {
                cut.Forwarded = true;
                link.Client.Client.LingerState = new LingerOption(true, 0);
                link.Client.Client.Close();
                return;
            }
        }
    }

    private async Task ForwardServerAsync(ProxyLink link)
    {
        var from = link.Server.GetStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (link.Cut is { } cut)
            {
                if (read == 0 || cut.Forwarded)
                {
                    cut.Answered.TrySetResult();
                    return;
                }
                continue;
            }
            if (read == 0)
            {
                link.Client.Client.Shutdown(SocketShutdown.Send);
                return;
            }
            await link.Client.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }
        await Task.WhenAll(relays);
        _armed?.Answered.TrySetCanceled();
        _stop.Dispose();
    }
}
