using System.Net.Sockets;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// A TCP connection to a Modbus TCP device or a serial device server (RTU over TCP). Connects on
/// <see cref="OpenAsync"/> with a connect timeout; after a failure, further attempts wait an exponentially growing,
/// jittered delay (an attempt inside the delay fails at once with <see cref="ModbusConnectionException"/>, so a dead
/// device costs no time). Socket errors are wrapped in <see cref="ModbusConnectionException"/>.
/// </summary>
public sealed class TcpChannel : IByteChannel
{
    private readonly TcpChannelOptions _options;
    private readonly TimeProvider _time;
    private Socket? _socket;
    private TimeSpan _delay;
    private long _nextAttempt;
    private string? _lastError;
    private readonly bool _accepted;

    /// <summary>Creates a channel; nothing connects until <see cref="OpenAsync"/>.</summary>
    public TcpChannel(TcpChannelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _delay = options.ReconnectDelay;
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
        long now = _time.GetTimestamp();
        if (_nextAttempt != 0 && now < _nextAttempt)
        {
            var wait = _time.GetElapsedTime(now, _nextAttempt);
            throw new ModbusConnectionException($"{Name}: not connected ({_lastError}); next attempt in {wait.TotalMilliseconds:0} ms");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            _socket = socket;
            _nextAttempt = 0;
            _delay = _options.ReconnectDelay;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            string reason = ex is SocketException se ? se.SocketErrorCode.ToString() : $"no answer within {_options.ConnectTimeout.TotalMilliseconds:0} ms";
            ScheduleRetry(reason);
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
        ScheduleRetry(reason);
        return new ModbusConnectionException($"{Name}: connection lost ({reason})", ex);
    }

    private ModbusConnectionException NotOpen() => new($"{Name}: not connected");

    private void ScheduleRetry(string reason)
    {
        _lastError = reason;
        double jitter = 0.8 + 0.4 * Random.Shared.NextDouble();
        var delay = _delay * jitter;
        _nextAttempt = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
        _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
    }
}
