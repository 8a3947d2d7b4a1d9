using System.Net.Sockets;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// A TCP connection to a Modbus TCP device or a serial device server (RTU over TCP). Connects on
/// <see cref="OpenAsync"/> with a connect timeout; after a failure, further attempts wait an exponentially growing,
/// jittered delay (<see cref="ReconnectBackoff"/>: an attempt inside the delay fails at once with
/// <see cref="ModbusConnectionException"/>, so a dead device costs no time). Socket errors are wrapped in
/// <see cref="ModbusConnectionException"/>. Used by RTU over TCP and by the servers; Modbus TCP clients use
/// <see cref="ModbusTcpTransport"/>, which keeps its own connection.
/// </summary>
public sealed class TcpChannel : IByteChannel
{
    private readonly TcpChannelOptions _options;
    private readonly ReconnectBackoff _backoff;
    private Socket? _socket;
    private readonly bool _accepted;

    /// <summary>Creates a channel; nothing connects until <see cref="OpenAsync"/>.</summary>
    public TcpChannel(TcpChannelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        _options = options;
        _backoff = new ReconnectBackoff(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Wraps a connection a server accepted; once closed it cannot be opened again.</summary>
    internal TcpChannel(Socket accepted, TimeProvider timeProvider)
        : this(new TcpChannelOptions { Host = accepted.RemoteEndPoint?.ToString() ?? "client", Port = 1 }, timeProvider)
    {
        accepted.NoDelay = true;
        _socket = accepted;
        _accepted = true;
    }

    /// <inheritdoc/>
    public bool IsOpen => _socket is not null;

    /// <inheritdoc/>
    public string Name => _accepted ? $"tcp client {_options.Host}" : $"tcp {_options.Host}:{_options.Port}";

    /// <inheritdoc/>
    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null) return;
        if (_accepted) throw new ModbusConnectionException($"{Name}: the client closed the connection");
        _backoff.ThrowIfWaiting(Name);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            _socket = socket;
            _backoff.Succeeded();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            string reason = ex is SocketException se ? se.SocketErrorCode.ToString() : $"no answer within {_options.ConnectTimeout.TotalMilliseconds:0} ms";
            _backoff.Failed(reason);
            throw new ModbusConnectionException($"{Name}: connect failed ({reason}); check host, port and that the device accepts connections", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw NotOpen();
        try
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return read > 0 ? read : throw Broken(null);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Broken(ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw NotOpen();
        try
        {
            while (!data.IsEmpty)
            {
                int sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw Broken(ex);
        }
    }

    /// <inheritdoc/>
    public void DiscardInput()
    {
        if (_socket is not { } socket) return;
        Span<byte> scratch = stackalloc byte[256];
        try
        {
            while (socket.Available > 0 && socket.Receive(scratch, SocketFlags.None) > 0)
            {
            }
        }
        catch (SocketException)
        {
            Close();
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        var socket = Interlocked.Exchange(ref _socket, null);
        socket?.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private ModbusConnectionException Broken(Exception? ex)
    {
        Close();
        string reason = ex is SocketException se ? se.SocketErrorCode.ToString() : "closed by the peer";
        _backoff.Failed(reason);
        return new ModbusConnectionException($"{Name}: connection lost ({reason})", ex);
    }

    private ModbusConnectionException NotOpen() => new($"{Name}: not connected");
}
