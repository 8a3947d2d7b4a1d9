namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// A duplex byte stream under a field-bus transport (Modbus RTU, DL/T 645): a TCP connection (<see cref="TcpChannel"/>)
/// or a serial port (<see cref="SerialChannel"/>). Bytes only: no framing. Opened lazily by the transport; reopened after a failure.
/// Reads complete on the channel's receive thread: code after an awaited read runs there until its next await.
/// </summary>
public interface IByteChannel : IAsyncDisposable
{
    /// <summary>True while the connection or port is open.</summary>
    bool IsOpen { get; }

    /// <summary>A description for messages, e.g. <c>tcp 10.0.0.5:502</c> or <c>/dev/ttyUSB0 9600 8N1</c>.</summary>
    string Name { get; }

    /// <summary>Opens the connection or port if it is not open; no-op otherwise.</summary>
    /// <exception cref="ChannelException">It could not be opened (refused, unreachable, no such port, refused setting).</exception>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads at least one byte into <paramref name="buffer"/> and returns the count, or returns 0 when
    /// <paramref name="timeout"/> passes first (<see cref="Timeout.InfiniteTimeSpan"/>: wait for ever). The timeout is
    /// kept by the channel's own receive thread, not by a timer of the thread pool, so it holds while the pool is busy.
    /// </summary>
    /// <exception cref="ChannelException">The channel broke or the peer closed it (the channel is closed then).</exception>
    ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    /// <exception cref="ChannelException">The channel broke.</exception>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Drops bytes received but not read yet (stale responses before a new request).</summary>
    void DiscardInput();

    /// <summary>Closes the connection or port; the next <see cref="OpenAsync"/> opens it again.</summary>
    void Close();
}
