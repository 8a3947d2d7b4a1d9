using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// Modbus TCP client transport: PDUs framed with the MBAP header over one TCP connection, opened on the first
/// exchange and reopened after a failure (with the back-off of <see cref="TcpChannelOptions"/>). Each request gets the
/// next transaction id, and each response goes to the request with its id: up to
/// <see cref="ModbusTcpTransportOptions.MaxInFlight"/> requests may be outstanding at once (pipelining), and a late
/// answer to a request that timed out is skipped and counted in <see cref="StaleResponses"/>. A broken length field
/// closes the connection; the next exchange reconnects.
/// </summary>
/// <remarks>
/// <para>Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1 (MBAP, transaction pairing) and §4.</para>
/// <para>
/// Performance: one thread of the process receives for every Modbus TCP connection (<see cref="MbapReceiver"/>, epoll)
/// and watches their deadlines, so a request arms no timer and takes no thread-pool hop, and 500 devices cost one
/// thread, not 500; the caller's thread sends. When a slot is free and the connection is open,
/// <see cref="ExchangeAsync"/> runs no async state machine and allocates nothing.
/// Continuations of an exchange run on that receive thread, shared by all connections: do not block there (on another
/// exchange with <c>.Result</c>, on a disk write); move such work to the thread pool first (<c>await Task.Yield()</c>).
/// </para>
/// </remarks>
public sealed class ModbusTcpTransport : IModbusTransport
{
    private readonly TcpChannelOptions _endpoint;
    private readonly ModbusTcpTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly MbapExchange[] _exchanges;
    private readonly SemaphoreSlim _free;
    private readonly ReconnectBackoff _backoff;
    private readonly object _gate = new();
    private MbapConnection? _connection;
    private Task<MbapConnection>? _connecting;
    private int _transactionId;
    private long _staleResponses;
    private bool _disposed;

    /// <summary>Creates a transport for the device at <paramref name="endpoint"/>; nothing connects until the first exchange.</summary>
    public ModbusTcpTransport(TcpChannelOptions endpoint, ModbusTcpTransportOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(endpoint.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endpoint.Port, 65535);
        _endpoint = endpoint;
        _options = options ?? new ModbusTcpTransportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxInFlight, ModbusTcpTransportOptions.MaxInFlightLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.ResponseTimeout, TimeSpan.Zero);
        _time = timeProvider ?? TimeProvider.System;
        _timeoutTicks = (long)(_options.ResponseTimeout.TotalSeconds * _time.TimestampFrequency);
        _exchanges = new MbapExchange[_options.MaxInFlight];
        for (int i = 0; i < _exchanges.Length; i++) _exchanges[i] = new MbapExchange(this);
        _free = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        _backoff = new ReconnectBackoff(endpoint, _time);
        Name = $"tcp {endpoint.Host}:{endpoint.Port}";
    }

    /// <summary>Creates a transport that connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public ModbusTcpTransport(string host, int port = TcpChannelOptions.DefaultPort, ModbusTcpTransportOptions? options = null,
        TimeProvider? timeProvider = null)
        : this(new TcpChannelOptions { Host = host, Port = port }, options, timeProvider)
    {
    }

    /// <summary>A description for messages, e.g. <c>tcp 10.0.0.5:502</c>.</summary>
    public string Name { get; }

    /// <summary>True while the connection is open.</summary>
    public bool IsConnected => Volatile.Read(ref _connection) is { IsOpen: true };

    /// <summary>Responses skipped because their transaction id matched no outstanding request.</summary>
    public long StaleResponses => Interlocked.Read(ref _staleResponses);

    /// <inheritdoc/>
    public ValueTask<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken = default)
    {
        if (requestPdu.Length is 0 or > ModbusPdu.MaxLength) throw new ArgumentOutOfRangeException(nameof(requestPdu));
        if (responsePdu.Length < ModbusPdu.MaxLength) throw new ArgumentException($"the response buffer must hold {ModbusPdu.MaxLength} bytes", nameof(responsePdu));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
        var connection = Volatile.Read(ref _connection);
        if (connection is not { IsOpen: true } || !_free.Wait(0)) return ExchangeSlowAsync(unitId, requestPdu, responsePdu, cancellationToken);
        return Send(connection, unitId, requestPdu.Span, responsePdu, cancellationToken);
    }

    /// <summary>Waits for a free slot and an open connection (connecting if needed), then sends.</summary>
    private async ValueTask<int> ExchangeSlowAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken)
    {
        await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
        MbapConnection connection;
        try
        {
            connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _free.Release();
            throw;
        }
        return await Send(connection, unitId, requestPdu.Span, responsePdu, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the request in a free slot (the caller holds one of <see cref="_free"/>); returns what completes with the response.</summary>
    private ValueTask<int> Send(MbapConnection connection, byte unitId, ReadOnlySpan<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken)
    {
        var exchange = Rent();
        ushort transactionId = (ushort)Interlocked.Increment(ref _transactionId);
        int length = MbapFraming.Encode(exchange.Request, transactionId, unitId, requestPdu);
        var response = exchange.Begin(connection, transactionId, unitId, responsePdu, _time.GetTimestamp() + _timeoutTicks, cancellationToken);
        connection.Send(exchange, length, transactionId);
        return response;
    }

    private MbapExchange Rent()
    {
        foreach (var exchange in _exchanges)
        {
            if (exchange.TryRent()) return exchange;
        }
        throw new InvalidOperationException("no free exchange slot although the semaphore granted one");
    }

    /// <summary>An exchange slot was freed (its result was taken).</summary>
    internal void Return() => _free.Release();

    /// <summary>Counts a response no outstanding request waited for.</summary>
    internal void CountStaleResponse() => Interlocked.Increment(ref _staleResponses);

    /// <summary>The open connection, or a new one (one connect at a time; inside the back-off delay, fails at once).</summary>
    private async ValueTask<MbapConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        Task<MbapConnection> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { IsOpen: true } open) return open;
            if (_connecting is null)
            {
                try
                {
                    _backoff.ThrowIfWaiting(Name);
                }
                catch (ChannelException ex)
                {
                    throw new ModbusConnectionException(ex.Message, ex);
                }
                _connecting = MbapConnection.ConnectAsync(this, _exchanges, _endpoint, _options.ResponseTimeout, _time);
            }
            connecting = _connecting;
        }
        MbapConnection connection;
        try
        {
            connection = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModbusConnectionException ex)
        {
            lock (_gate)
            {
                if (_connecting == connecting)
                {
                    _connecting = null;
                    _backoff.Failed(TcpConnector.Reason(ex.InnerException));
                }
            }
            throw;
        }
        lock (_gate)
        {
            if (_connecting == connecting)
            {
                _connecting = null;
                _connection = connection;
                _backoff.Succeeded();
            }
            if (_disposed)
            {
                connection.Close();
                throw new ObjectDisposedException(nameof(ModbusTcpTransport));
            }
        }
        return connection;
    }

    /// <summary>The receiver reports the end of a connection; <paramref name="lostReason"/> (null when closed on our side) starts the back-off.</summary>
    internal void ConnectionEnded(string? lostReason)
    {
        if (lostReason is null) return;
        lock (_gate) _backoff.Failed(lostReason);
    }

    /// <summary>
    /// Closes the connection; requests in flight fail with <see cref="ModbusConnectionException"/> before this returns.
    /// Does not wait for the receiver to close the socket (it may be running the caller).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        MbapConnection? connection;
        Task<MbapConnection>? connecting;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            connection = _connection;
            connecting = _connecting;
            _connection = null;
        }
        connection?.Close();
        if (connecting is not null)
        {
            try
            {
                (await connecting.ConfigureAwait(false)).Close();
            }
            catch (ModbusConnectionException)
            {
                // it never connected
            }
        }
    }
}
