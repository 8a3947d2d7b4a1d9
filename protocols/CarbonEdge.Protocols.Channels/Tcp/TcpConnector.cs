using System.Net;
using System.Net.Sockets;

namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// Opens client TCP connections for the transports' own threads: resolves the host, connects within the connect timeout,
/// and leaves the socket in blocking mode with TCP_NODELAY (requests are small and must go out at once). .NET keeps a
/// socket's descriptor non-blocking once it has been used asynchronously and then emulates blocking calls through its
/// event loop (a thread wake-up a call), so these sockets are never used asynchronously.
/// </summary>
public static class TcpConnector
{
    /// <summary>Connects (blocking the calling thread for at most the connect timeout a host address).</summary>
    /// <param name="endpoint">Host, port and connect timeout.</param>
    /// <param name="name">The channel's name, for messages.</param>
    /// <param name="sendTimeout">How long a send may wait for a peer that stops reading before it fails.</param>
    /// <exception cref="ChannelException">Unresolvable host, refused, or no answer in time; see <see cref="Reason"/>.</exception>
    public static Socket Connect(TcpChannelOptions endpoint, string name, TimeSpan sendTimeout)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(endpoint.Host, out var address) ? [address] : Dns.GetHostAddresses(endpoint.Host);
        }
        catch (SocketException ex)
        {
            throw new ChannelException($"{name}: cannot resolve the host ({ex.SocketErrorCode}); check the host name", ex);
        }
        Exception? last = null;
        foreach (var address in addresses)
        {
            // Linux bounds a blocking connect by SO_SNDTIMEO (it then fails with EINPROGRESS).
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
                SendTimeout = Milliseconds(endpoint.ConnectTimeout),
            };
            try
            {
                try
                {
                    socket.Connect(address, endpoint.Port);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock or SocketError.TimedOut)
                {
                    throw new TimeoutException($"no answer within {endpoint.ConnectTimeout.TotalMilliseconds:0} ms", ex);
                }
                socket.SendTimeout = Milliseconds(sendTimeout);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException)
            {
                socket.Dispose();
                last = ex;
            }
        }
        throw new ChannelException($"{name}: connect failed ({Reason(last)}); check host, port and that the device accepts connections", last);
    }

    /// <summary>Why a connect failed, in a few words: the socket error (e.g. <c>ConnectionRefused</c>) or the timeout.</summary>
    public static string Reason(Exception? error) => error switch
    {
        SocketException socket => socket.SocketErrorCode.ToString(),
        TimeoutException timeout => timeout.Message,
        ChannelException { InnerException: { } inner } => Reason(inner),
        null => "no address",
        _ => error.Message,
    };

    /// <summary>A timeout in whole milliseconds for a socket option, rounded up, at least 1 (0 would mean for ever).</summary>
    public static int Milliseconds(TimeSpan time) => (int)Math.Clamp(Math.Ceiling(time.TotalMilliseconds), 1, int.MaxValue);
}
