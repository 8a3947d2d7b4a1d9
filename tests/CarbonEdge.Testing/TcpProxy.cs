using System.Net;
using System.Net.Sockets;

namespace CarbonEdge.Testing;

/// <summary>
/// A TCP forwarder on 127.0.0.1 and a free port in front of a real server, to stand in for a flaky link:
/// <see cref="DropConnectionsAsync"/> resets every connection at once (both sides see a reset, no protocol goodbye),
/// <see cref="Blackhole"/> silently discards bytes and closes in both directions while the sockets stay open (a dead
/// cellular link), <see cref="RefuseNew"/> closes new connections at once.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Socket Client, Socket Server)> _links = [];
    private readonly Task _acceptLoop;

    private TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>While true, bytes in both directions are read and discarded.</summary>
    public bool Blackhole { get; set; }

    /// <summary>While true, new connections are closed right after accept.</summary>
    public bool RefuseNew { get; set; }

    /// <summary>Connections accepted so far.</summary>
    public int AcceptedCount { get; private set; }

    /// <summary>Starts forwarding 127.0.0.1:<see cref="Port"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static TcpProxy Start(int targetPort) => new(targetPort);

    /// <summary>Resets every open connection (SO_LINGER 0), as a link that dies without a FIN.</summary>
    public Task DropConnectionsAsync()
    {
        List<(Socket Client, Socket Server)> links;
        lock (_links)
        {
            links = [.. _links];
            _links.Clear();
        }
        foreach (var (client, server) in links)
        {
            Reset(client);
            Reset(server);
        }
        return Task.CompletedTask;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                AcceptedCount++;
                if (RefuseNew)
                {
                    Reset(client);
                    continue;
                }
                var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.NoDelay = true;
                try
                {
                    await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                }
                catch (SocketException)
                {
                    Reset(client);
                    server.Dispose();
                    continue;
                }
                lock (_links) _links.Add((client, server));
                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    if (!Blackhole) to.Shutdown(SocketShutdown.Send); // a dead link carries no FIN either
                    return;
                }
                if (Blackhole) continue;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            Reset(from);
            Reset(to);
        }
    }

    /// <summary>Stops listening and resets every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await DropConnectionsAsync();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
