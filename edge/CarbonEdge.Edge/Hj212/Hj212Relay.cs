using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Hj212;

/// <summary>
/// Forwards every byte the stations sent, in order and unchanged, to the plant's existing platform over one TCP
/// connection, so installing CarbonEdge never interrupts the plant's legal reporting. While the platform is
/// unreachable the bytes wait in <see cref="Hj212RelayQueue"/>; reconnects back off from 1 s to 30 s. What the
/// platform sends back is read and dropped (the gateway answers the units itself).
/// </summary>
/// <remarks>An entry leaves the queue once written to the socket: bytes in flight when the connection breaks can be lost (TCP gives no per-packet acknowledgement; HJ 212 units re-send unanswered data themselves).</remarks>
internal sealed partial class Hj212Relay(string host, int port, Hj212RelayQueue queue, ILogger<Hj212Relay> logger)
{
    /// <summary>Entries written to the platform since start.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private long _forwarded;

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
                LogConnected(logger, host, port, queue.Count);
                delay = TimeSpan.FromSeconds(1);
                var stream = client.GetStream();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var drain = DrainAsync(stream, linked.Token);
                try
                {
                    await ForwardAsync(stream, drain, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    linked.Cancel();
                    await drain.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                LogDown(logger, host, port, ex.Message, delay.TotalSeconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            try { await Task.Delay(delay, cancellationToken).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task ForwardAsync(NetworkStream stream, Task drain, CancellationToken cancellationToken)
    {
        while (!drain.IsCompleted)
        {
            var entries = queue.Peek(64);
            if (entries.Count == 0)
            {
                await queue.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                continue;
            }
            foreach (var (_, bytes) in entries) await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            queue.RemoveThrough(entries[^1].Id);
            Interlocked.Add(ref _forwarded, entries.Count);
        }
        throw new IOException("the platform closed the connection");
    }

    /// <summary>Reads and drops what the platform sends; completes when it closes the connection.</summary>
    private static async Task DrainAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var sink = new byte[4096];
        while (await stream.ReadAsync(sink, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HJ 212 relay connected to {Host}:{Port}; {Waiting} packets waiting")]
    static partial void LogConnected(ILogger logger, string host, int port, long waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HJ 212 relay to {Host}:{Port} down ({Reason}); packets wait in the queue; retry in {Seconds} s")]
    static partial void LogDown(ILogger logger, string host, int port, string reason, double seconds);
}
