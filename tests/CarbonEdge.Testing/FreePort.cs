using System.Net;
using System.Net.Sockets;

namespace CarbonEdge.Testing;

/// <summary>Free TCP ports on 127.0.0.1, for servers that tests start.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on at the moment of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
