using System.Buffers.Binary;
using System.Net.Sockets;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// One Modbus TCP connection of a <see cref="ModbusTcpTransport"/> and the thread that owns it: the thread connects,
/// then waits in a receive bounded by the earliest deadline of the requests in flight, decodes MBAP frames,
/// hands each response to the request with its transaction id, and fails requests whose deadline has passed; when the
/// connection ends it fails what is still in flight. Requests are sent by the callers' threads. The socket stays in
/// blocking mode and no timer is armed per request, so an exchange costs one send and one receive system call, with
/// one thread wake-up, as a C client's would.
/// </summary>
/// <remarks>
/// Completions run on this thread (continuations are not queued to the thread pool): code that awaits an exchange
/// continues here until its next await, and must not block on another exchange of the same connection.
/// </remarks>
internal sealed class MbapConnection
{
    private const int ReceiveBufferLength = 4 * MbapFraming.MaxAduLength;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(5);
    private readonly ModbusTcpTransport _owner;
    private readonly MbapExchange[] _exchanges;
    private readonly TcpChannelOptions _endpoint;
    private readonly TimeProvider _time;
    private readonly TimeSpan _responseTimeout;
    private readonly object _sendGate = new();
    private readonly TaskCompletionSource<MbapConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private Socket? _socket;
    private volatile bool _closing;
    private volatile string? _sendFailure;

    private MbapConnection(ModbusTcpTransport owner, MbapExchange[] exchanges, TcpChannelOptions endpoint, TimeSpan responseTimeout, TimeProvider time)
    {
        _owner = owner;
        _exchanges = exchanges;
        _endpoint = endpoint;
        _responseTimeout = responseTimeout;
        _time = time;
        _thread = new Thread(Run) { IsBackground = true, Name = $"modbus tcp {endpoint.Host}:{endpoint.Port}" };
    }

    /// <summary>True until the connection has ended (closed, broken, or failed to connect).</summary>
    public bool IsOpen => !_closing;

    /// <summary>
    /// Starts the connection's thread, which connects within <see cref="TcpChannelOptions.ConnectTimeout"/>; completes
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
        connection._thread.Start();
        return connection._connected.Task;
    }

    /// <summary>
    /// Sends the request ADU of <paramref name="exchange"/> (already waiting for its response). A send error fails the
    /// exchange and ends the connection. Frames of concurrent callers never interleave.
    /// </summary>
    public void Send(MbapExchange exchange, int length, ushort transactionId)
    {
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
    /// Ends the connection: fails the requests in flight (on the calling thread) and wakes the connection's thread,
    /// which then closes the socket and exits. Does not wait for that thread: code running on it (a continuation) may be
    /// the very caller, or may be blocked on the caller.
    /// </summary>
    public void Close()
    {
        _closing = true;
        Thread.MemoryBarrier(); // pairs with the exchange in Run: either the thread sees _closing or we see its socket
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

    private void Run()
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
        _connected.SetResult(this);
        string? lost = null;
        Exception? error = null;
        try
        {
            lost = ReceiveLoop(socket);
        }
        catch (SocketException ex)
        {
            lost = ex.SocketErrorCode.ToString();
            error = ex;
        }
        catch (ObjectDisposedException)
        {
            // closed by us
        }
        finally
        {
            lost ??= _sendFailure;
            _closing = true;
            socket.Dispose();
            _owner.ConnectionEnded(lost);
            FailInFlight(new ModbusConnectionException($"{_owner.Name}: connection {(lost is null ? "closed" : $"lost ({lost})")}", error));
        }
    }

    /// <summary>Reads and dispatches until the connection ends; returns why it was lost, or null when it was closed on our side.</summary>
    /// <remarks>
    /// The wait for data is a blocking receive bounded by SO_RCVTIMEO, one system call a response. The timeout is set
    /// again only when the wait needed differs from it by more than <see cref="DeadlineSlack"/>, so in steady traffic it
    /// is never touched, and a request times out at most that much (plus the kernel's timer tick) after its deadline.
    /// </remarks>
    private string? ReceiveLoop(Socket socket)
    {
        byte[] buffer = new byte[ReceiveBufferLength];
        int start = 0, end = 0;
        var receiveTimeout = TimeSpan.Zero;
        while (!_closing)
        {
            ExpireDue();
            var wait = TimeToNextDeadline();
            if ((receiveTimeout - wait).Duration() > DeadlineSlack)
            {
                socket.ReceiveTimeout = TcpConnector.Milliseconds(wait);
                receiveTimeout = wait;
            }
            if (end == buffer.Length)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int read = socket.Receive(buffer.AsSpan(end), SocketFlags.None, out var error);
            if (error is SocketError.TimedOut or SocketError.WouldBlock) continue;
            if (error != SocketError.Success) throw new SocketException((int)error);
            if (read == 0) return _closing ? null : "closed by the peer";
            end += read;
            if (!Dispatch(buffer, ref start, end)) return null;
            if (start == end) start = end = 0;
        }
        return null;
    }

    /// <summary>Hands every whole frame in the buffer to its request; false when the stream has lost its framing.</summary>
    private bool Dispatch(byte[] buffer, ref int start, int end)
    {
        while (!_closing)
        {
            var input = buffer.AsSpan(start, end - start);
            var status = MbapFraming.TryDecode(input, out var frame, out int consumed, out var error);
            if (status == DecodeStatus.NeedMoreData) return true;
            if (status == DecodeStatus.Invalid && consumed == 0)
            {
                // The length field is out of range: where the next frame starts is lost. Reconnect (no back-off).
                _closing = true;
                FailInFlight(new ModbusProtocolException(error, $"{_owner.Name}: malformed MBAP frame ({error}); the connection is closed"));
                return false;
            }
            start += consumed;
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

    /// <summary>How long a receive may wait: until the earliest deadline in flight, or one response timeout when idle; at least 1 ms.</summary>
    /// <remarks>
    /// Every request gets the same timeout, so a request sent during an idle wait has a later deadline than that wait's
    /// end: the next wait then runs to it, and no request times out late.
    /// </remarks>
    private TimeSpan TimeToNextDeadline()
    {
        long now = _time.GetTimestamp();
        long earliest = now + (long)(_responseTimeout.TotalSeconds * _time.TimestampFrequency);
        foreach (var exchange in _exchanges)
        {
            if (exchange.IsWaitingFor(this, out _)) earliest = Math.Min(earliest, exchange.Deadline);
        }
        var wait = earliest <= now ? TimeSpan.Zero : _time.GetElapsedTime(now, earliest);
        return wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait < LongestWait ? wait : LongestWait;
    }

    private MbapExchange? FindWaiting(ushort transactionId)
    {
        foreach (var exchange in _exchanges)
        {
            if (exchange.IsWaitingFor(this, out ushort waitingFor) && waitingFor == transactionId) return exchange;
        }
        return null;
    }

    private void ExpireDue()
    {
        long now = _time.GetTimestamp();
        foreach (var exchange in _exchanges)
        {
            if (exchange.IsWaitingFor(this, out ushort transactionId) && exchange.Deadline <= now && exchange.TryClaim(transactionId))
            {
                exchange.Fail(new ModbusTimeoutException(_responseTimeout, $"{_owner.Name} unit {exchange.UnitId}"));
            }
        }
    }

    private void FailInFlight(ModbusException error)
    {
        foreach (var exchange in _exchanges)
        {
            if (exchange.IsWaitingFor(this, out ushort transactionId) && exchange.TryClaim(transactionId)) exchange.Fail(error);
        }
    }
}
