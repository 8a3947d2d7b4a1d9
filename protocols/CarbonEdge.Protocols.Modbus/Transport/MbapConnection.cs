using System.Buffers.Binary;
using System.Net.Sockets;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// One Modbus TCP connection of a <see cref="ModbusTcpTransport"/>: connects on a short-lived thread of its own, then
/// receives through the process's <see cref="MbapReceiver"/>, which calls <see cref="OnReadable"/> when the socket has
/// data and <see cref="TimeOut"/> when a request's deadline passes. It decodes MBAP frames and hands each response to the
/// request with its transaction id; when the connection ends it fails what is still in flight. Requests are sent by the
/// callers' threads. The socket stays in blocking mode and no timer is armed per request.
/// </summary>
/// <remarks>
/// Completions run on the receiver's thread (continuations are not queued to the thread pool): code that awaits an
/// exchange continues there until its next await, and must not block.
/// </remarks>
internal sealed class MbapConnection
{
    private const int ReceiveBufferLength = 4 * MbapFraming.MaxAduLength;
    private readonly ModbusTcpTransport _owner;
    private readonly MbapExchange[] _exchanges;
    private readonly TcpChannelOptions _endpoint;
    private readonly TimeSpan _responseTimeout;
    private readonly object _sendGate = new();
    private readonly TaskCompletionSource<MbapConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _buffer = new byte[ReceiveBufferLength]; // received, not yet decoded: [_start, _end)
    private int _start, _end;
    private Socket? _socket;
    private volatile bool _closing;
    private volatile string? _sendFailure;

    private MbapConnection(ModbusTcpTransport owner, MbapExchange[] exchanges, TcpChannelOptions endpoint, TimeSpan responseTimeout, TimeProvider time)
    {
        _owner = owner;
        _exchanges = exchanges;
        _endpoint = endpoint;
        _responseTimeout = responseTimeout;
        Time = time;
    }

    /// <summary>Clock of the requests' deadlines.</summary>
    public TimeProvider Time { get; }

    /// <summary>True until the connection has ended (closed, broken, or failed to connect).</summary>
    public bool IsOpen => !_closing;

    /// <summary>
    /// Connects within <see cref="TcpChannelOptions.ConnectTimeout"/> on a thread that exits once connected; completes
    /// with the open connection, or fails with <see cref="ModbusConnectionException"/>.
    /// </summary>
    /// <param name="owner">The transport (its name, stale-response counter, and where the end of the connection is reported).</param>
    /// <param name="exchanges">The transport's request slots; responses on this connection go to the ones sent on it.</param>
    /// <param name="endpoint">Host, port and connect timeout.</param>
    /// <param name="responseTimeout">Time from sending a request to its timeout.</param>
    /// <param name="time">Clock of the deadlines.</param>
    public static Task<MbapConnection> ConnectAsync(ModbusTcpTransport owner, MbapExchange[] exchanges, TcpChannelOptions endpoint,
        TimeSpan responseTimeout, TimeProvider time)
    {
        var connection = new MbapConnection(owner, exchanges, endpoint, responseTimeout, time);
        new Thread(connection.Connect) { IsBackground = true, Name = $"modbus tcp connect {endpoint.Host}:{endpoint.Port}" }.Start();
        return connection._connected.Task;
    }

    /// <summary>
    /// Sends the request ADU of <paramref name="exchange"/> (already waiting for its response). A send error fails the
    /// exchange and ends the connection. Frames of concurrent callers never interleave.
    /// </summary>
    public void Send(MbapExchange exchange, int length, ushort transactionId)
    {
        MbapReceiver.Shared.Watch(this, exchange, transactionId);
        try
        {
            lock (_sendGate)
            {
                var data = exchange.Request.AsSpan(0, length);
                while (!data.IsEmpty) data = data[_socket!.Send(data, SocketFlags.None)..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            string reason = ex is SocketException se ? se.SocketErrorCode.ToString() : "closed";
            _sendFailure ??= $"send failed: {reason}";
            Close();
            if (exchange.TryClaim(transactionId)) exchange.Fail(new ModbusConnectionException($"{_owner.Name}: send failed ({reason})", ex));
        }
    }

    /// <summary>
    /// Ends the connection: fails the requests in flight (on the calling thread) and shuts the socket down; the receiver
    /// then sees the end and closes it. Does not wait for that: code running on the receiver's thread (a continuation)
    /// may be the very caller.
    /// </summary>
    public void Close()
    {
        _closing = true;
        Thread.MemoryBarrier(); // pairs with the exchange in Connect: either it sees _closing or we see its socket
        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already closed
        }
        FailInFlight(new ModbusConnectionException($"{_owner.Name}: connection closed"));
    }

    private void Connect()
    {
        Socket socket;
        try
        {
            // A server that stops reading must not block a caller's send for ever: give up after the response timeout.
            socket = TcpConnector.Connect(_endpoint, _owner.Name, _responseTimeout);
        }
        catch (ChannelException ex)
        {
            _closing = true;
            _connected.SetException(new ModbusConnectionException(ex.Message, ex));
            return;
        }
        Interlocked.Exchange(ref _socket, socket);
        if (_closing) socket.Shutdown(SocketShutdown.Both); // closed while connecting: the receiver then sees the end at once
        try
        {
            MbapReceiver.Shared.Add(this, (int)socket.Handle);
        }
        catch (ModbusConnectionException ex)
        {
            _closing = true;
            socket.Dispose();
            _connected.SetException(ex);
            return;
        }
        _connected.SetResult(this);
    }

    /// <summary>The receiver saw data (or the end) on the socket: receives once and dispatches every whole frame.</summary>
    public void OnReadable()
    {
        var socket = _socket!;
        if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int read = socket.Receive(_buffer.AsSpan(_end), SocketFlags.None, out var error);
        if (error is SocketError.WouldBlock or SocketError.Interrupted) return;
        if (error != SocketError.Success)
        {
            End(error.ToString(), new SocketException((int)error));
            return;
        }
        if (read == 0)
        {
            End(_closing ? null : "closed by the peer", null);
            return;
        }
        _end += read;
        if (!Dispatch() || _closing)
        {
            End(_sendFailure, null);
            return;
        }
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>Fails <paramref name="exchange"/> with a timeout if it still waits for <paramref name="transactionId"/> (the receiver, at its deadline).</summary>
    public void TimeOut(MbapExchange exchange, ushort transactionId)
    {
        if (exchange.IsWaitingFor(this, transactionId) && exchange.TryClaim(transactionId))
        {
            exchange.Fail(new ModbusTimeoutException(_responseTimeout, $"{_owner.Name} unit {exchange.UnitId}"));
        }
    }

    /// <summary>On the receiver's thread: stops receiving, closes the socket, reports the end to the transport and fails what is in flight.</summary>
    private void End(string? lost, Exception? error)
    {
        lost ??= _sendFailure;
        _closing = true;
        var socket = _socket!;
        MbapReceiver.Shared.Remove(this, (int)socket.Handle);
        socket.Dispose();
        _owner.ConnectionEnded(lost);
        FailInFlight(new ModbusConnectionException($"{_owner.Name}: connection {(lost is null ? "closed" : $"lost ({lost})")}", error));
    }

    /// <summary>Hands every whole frame in the buffer to its request; false when the stream has lost its framing.</summary>
    private bool Dispatch()
    {
        while (!_closing)
        {
            var input = _buffer.AsSpan(_start, _end - _start);
            var status = MbapFraming.TryDecode(input, out var frame, out int consumed, out var error);
            if (status == DecodeStatus.NeedMoreData) return true;
            if (status == DecodeStatus.Invalid && consumed == 0)
            {
                // The length field is out of range: where the next frame starts is lost. Reconnect (no back-off).
                _closing = true;
                FailInFlight(new ModbusProtocolException(error, $"{_owner.Name}: malformed MBAP frame ({error}); the connection is closed"));
                return false;
            }
            _start += consumed;
            ushort transactionId = BinaryPrimitives.ReadUInt16BigEndian(input);
            var exchange = FindWaiting(transactionId);
            if (exchange is null || !exchange.TryClaim(transactionId))
            {
                _owner.CountStaleResponse();
                continue;
            }
            if (status == DecodeStatus.Invalid)
            {
                exchange.Fail(new ModbusProtocolException(error, $"{_owner.Name}: malformed MBAP frame ({error})"));
            }
            else if (frame.UnitId != exchange.UnitId)
            {
                exchange.Fail(new ModbusProtocolException(FrameError.WrongUnitId,
                    $"{_owner.Name}: response from unit {frame.UnitId} to a request to unit {exchange.UnitId}"));
            }
            else
            {
                frame.Pdu.CopyTo(exchange.Response.Span);
                exchange.Complete(frame.Pdu.Length);
            }
        }
        return true;
    }

    private MbapExchange? FindWaiting(ushort transactionId)
    {
        foreach (var exchange in _exchanges)
        {
            if (exchange.IsWaitingFor(this, out ushort waitingFor) && waitingFor == transactionId) return exchange;
        }
        return null;
    }

    private void FailInFlight(ModbusException error)
    {
        foreach (var exchange in _exchanges)
        {
            if (exchange.IsWaitingFor(this, out ushort transactionId) && exchange.TryClaim(transactionId)) exchange.Fail(error);
        }
    }
}
