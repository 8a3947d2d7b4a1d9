using System.Net;
using System.Net.Sockets;
using System.Text;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Hj212;

/// <summary>
/// The upper-platform side of HJ 212 links: listens on a TCP endpoint, accepts any number of data-acquisition units,
/// frames and parses what each sends (split packets reassembled per link) and hands every arrival to the handler,
/// writing back the packets it returns. A bad packet, a broken link or a failing handler never stops the listener or
/// the other links.
/// </summary>
/// <remarks>HJ 212-2017 §5 (system structure: the unit connects to the platform over TCP) and §6.3 (packets).</remarks>
internal sealed partial class Hj212Listener(IPEndPoint endpoint, Hj212CrcMode crcMode, IHj212LinkHandler handler, ILogger logger) : IDisposable
{
    private readonly TcpListener _listener = new(endpoint);
    private int _links;

    /// <summary>The bound endpoint (port resolved when 0 was asked), after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Links open now.</summary>
    public int OpenLinks => Volatile.Read(ref _links);

    /// <summary>Binds the endpoint. Throws <see cref="SocketException"/> when it is taken.</summary>
    public void Start() => _listener.Start();

    /// <summary>Accepts links until cancelled; each link runs on its own.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var links = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                links.RemoveAll(t => t.IsCompleted);
                links.Add(ServeAsync(client, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _listener.Stop();
            await Task.WhenAll(links).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        await Task.Yield();
        string remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        Interlocked.Increment(ref _links);
        LogLinkOpened(logger, remote);
        var reassembler = new Hj212SplitReassembler();
        var buffer = new byte[Hj212Framing.MaxPacketLength * 2];
        int filled = 0;
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                while (!cancellationToken.IsCancellationRequested)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    filled += read;
                    int offset = 0;
                    while (offset < filled)
                    {
                        var status = Hj212Framing.TryDecode(buffer.AsSpan(offset, filled - offset), crcMode, out var frame, out int consumed, out var error);
                        if (status == DecodeStatus.NeedMoreData) break;
                        var raw = buffer.AsSpan(offset, consumed).ToArray();
                        offset += consumed;
                        var received = status == DecodeStatus.Complete
                            ? Parse(remote, raw, frame!, reassembler)
                            : new Hj212Received(remote, raw, null, null, null, Hj212Received.ReasonOf(error), $"{error} in {Printable(raw)}");
                        await HandleAsync(received, frame?.Crc ?? Hj212CrcKind.Hj212, stream, cancellationToken).ConfigureAwait(false);
                    }
                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            LogLinkBroken(logger, remote, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _links);
            LogLinkClosed(logger, remote, filled);
        }
    }

    private static Hj212Received Parse(string remote, byte[] raw, Hj212Frame frame, Hj212SplitReassembler reassembler)
    {
        if (!Hj212Segment.TryParse(frame.DataSegment, out var packet, out var error, out var detail))
            return new Hj212Received(remote, raw, frame, null, null, Hj212Received.ReasonOf(error), detail);
        return new Hj212Received(remote, raw, frame, packet, reassembler.Add(packet!), null, null);
    }

    private async Task HandleAsync(Hj212Received received, Hj212CrcKind crc, NetworkStream stream, CancellationToken cancellationToken)
    {
        IReadOnlyList<Hj212Packet> replies;
        try
        {
            replies = await handler.ReceivedAsync(received, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(logger, received.Remote, ex);
            return;
        }
        foreach (var reply in replies)
        {
            // Answer in the CRC the unit uses: a unit that sends CRC-16/MODBUS checks its answers with it too. Not
            // cancelled: a reply of a few hundred bytes always fits the socket's send buffer, and the last packet
            // before a stop is answered too.
            await stream.WriteAsync(Hj212Framing.Encode(Hj212Segment.Format(reply), crc), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Printable(byte[] raw)
    {
        var text = Encoding.ASCII.GetString(raw, 0, Math.Min(raw.Length, 60)).Replace("\r", "\\r").Replace("\n", "\\n");
        return raw.Length > 60 ? text + "..." : text;
    }

    public void Dispose() => _listener.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "HJ 212 link from {Remote} opened")]
    static partial void LogLinkOpened(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "HJ 212 link from {Remote} closed ({Pending} bytes of an incomplete packet dropped)")]
    static partial void LogLinkClosed(ILogger logger, string remote, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HJ 212 link from {Remote} broke: {Reason}")]
    static partial void LogLinkBroken(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a packet from {Remote} failed; the link goes on")]
    static partial void LogHandlerFailed(ILogger logger, string remote, Exception exception);
}
