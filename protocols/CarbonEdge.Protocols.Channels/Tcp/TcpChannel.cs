using System.Net.Sockets;

namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// A TCP connection as a byte channel: to a serial device server or DTU (RTU over TCP), or a connection a server
/// accepted. <see cref="OpenAsync"/> connects within the connect timeout; after a failure, further attempts wait an
/// exponentially growing, jittered delay (<see cref="ReconnectBackoff"/>: an attempt inside the delay fails at once with
/// <see cref="ChannelException"/>, so a dead device costs no time). A <see cref="ReceiveThread"/> connects and
/// receives, so read timeouts do not depend on the thread pool; writes go out on the caller's thread. Socket errors are
/// wrapped in <see cref="ChannelException"/>. (Modbus TCP clients keep a connection of their own, built on
/// <see cref="TcpConnector"/> and <see cref="ReconnectBackoff"/>.)
/// </summary>
public sealed class TcpChannel : IByteChannel
{
    /// <summary>How long a send may wait for a peer that stops reading.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);
    private readonly TcpChannelOptions _options;
    private readonly ReconnectBackoff _backoff;
    private readonly bool _accepted;
    private Socket? _socket;
    private ReceiveThread? _receiver;
    private bool _used;

    /// <summary>Creates a channel; nothing connects until <see cref="OpenAsync"/>.</summary>
    public TcpChannel(TcpChannelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        _options = options;
        _backoff = new ReconnectBackoff(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Wraps a connection a server accepted; <see cref="OpenAsync"/> starts receiving; once closed it cannot be opened again.</summary>
    public static TcpChannel FromAccepted(Socket accepted, TimeProvider? timeProvider = null) => new(accepted, timeProvider ?? TimeProvider.System);

    private TcpChannel(Socket accepted, TimeProvider timeProvider)
        : this(new TcpChannelOptions { Host = accepted.RemoteEndPoint?.ToString() ?? "client", Port = 1 }, timeProvider)
    {
        accepted.NoDelay = true;
        accepted.SendTimeout = TcpConnector.Milliseconds(SendTimeout);
        _socket = accepted;
        _accepted = true;
    }

    /// <inheritdoc/>
    public bool IsOpen => Volatile.Read(ref _receiver) is not null;

    /// <inheritdoc/>
    public string Name => _accepted ? $"tcp client {_options.Host}" : $"tcp {_options.Host}:{_options.Port}";

    /// <inheritdoc/>
    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_receiver is not null) return;
        if (_accepted && _used) throw new ChannelException($"{Name}: the client closed the connection");
        cancellationToken.ThrowIfCancellationRequested();
        if (!_accepted) _backoff.ThrowIfWaiting(Name);
        _used = true;
        try
        {
            _receiver = await ReceiveThread.StartAsync(Name, () =>
            {
                var socket = _socket ?? TcpConnector.Connect(_options, Name, SendTimeout);
                _socket = socket;
                return ((int)socket.Handle, buffer => Receive(socket, buffer), socket.Dispose);
            }).ConfigureAwait(false);
            _backoff.Succeeded();
        }
        catch (ChannelException ex)
        {
            _backoff.Failed(TcpConnector.Reason(ex));
            throw;
        }
    }

    /// <summary>What the receive thread calls when the socket is readable (it is: the call does not block).</summary>
    private static int Receive(Socket socket, Span<byte> buffer)
    {
        int read = socket.Receive(buffer, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => read,
            SocketError.WouldBlock or SocketError.Interrupted => -1,
            _ => throw new IOException($"connection lost ({error})"),
        };
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var receiver = _receiver ?? throw NotOpen();
        try
        {
            return await receiver.ReadAsync(buffer, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelException ex)
        {
            throw Broken(receiver.Failure ?? "closed", ex);
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var socket = _receiver is null ? null : _socket;
        if (socket is null) throw NotOpen();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var span = data.Span;
            while (!span.IsEmpty) span = span[socket.Send(span, SocketFlags.None)..];
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Broken(ex is SocketException se ? se.SocketErrorCode.ToString() : "closed", ex);
        }
    }

    /// <inheritdoc/>
    public void DiscardInput() => _receiver?.Discard();

    /// <inheritdoc/>
    public void Close()
    {
        var receiver = Interlocked.Exchange(ref _receiver, null);
        var socket = Interlocked.Exchange(ref _socket, null);
        if (receiver is null)
        {
            socket?.Dispose();
            return;
        }
        receiver.Stop(); // the receive thread disposes the socket when it has exited
        try
        {
            socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // not connected any more, or already released
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private ChannelException Broken(string reason, Exception inner)
    {
        Close();
        if (!_accepted) _backoff.Failed(reason);
        return new ChannelException($"{Name}: connection lost ({reason})", inner);
    }

    private ChannelException NotOpen() => new($"{Name}: not connected");
}
