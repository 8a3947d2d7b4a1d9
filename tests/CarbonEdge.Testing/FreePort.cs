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

    /// <summary>The first of <paramref name="count"/> consecutive ports on 127.0.0.1 that nothing listens on at the moment
    /// of the call (for a fleet of simulated devices on PORT..PORT+count-1).</summary>
    /// <exception cref="InvalidOperationException">No such run found in 100 tries.</exception>
    public static int Range(int count)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            int first = Random.Shared.Next(20_000, 60_000 - count);
            if (Enumerable.Range(first, count).All(IsFree)) return first;
        }
        throw new InvalidOperationException($"no run of {count} free ports found on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
