using System.Net.Sockets;
using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// A Modbus TCP server (or RTU-over-TCP, see <see cref="ModbusServerOptions.Framing"/>) serving an
/// <see cref="IModbusDataStore"/> to any number of clients at once. Requests on one connection are answered in
/// order (pipelined requests included). Requests to units the store does not have get no response. A malformed
/// MBAP header closes that connection; everything is counted in <see cref="Statistics"/>. Each connection is served on
/// its channel's receive thread (<see cref="TcpChannel"/>), so at most <see cref="ModbusServerOptions.MaxConnections"/> threads.
/// </summary>
/// <remarks>Modbus Messaging on TCP/IP Implementation Guide V1.0b §4.4 (server design).</remarks>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private readonly ModbusServerOptions _options;
    private readonly ServerEngine _engine;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _connections = [];
    private Socket? _listener;
    private int _stopped; // 1 once StopAsync has begun
    private Task? _acceptLoop;

    /// <summary>Creates a server for <paramref name="store"/>; call <see cref="Start"/> to listen.</summary>
    public ModbusTcpServer(IModbusDataStore store, ModbusServerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ModbusServerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _engine = new ServerEngine(store, _options.Faults, Statistics, _time);
    }

    /// <summary>Fault injection switches.</summary>
    public ModbusServerFaults Faults => _options.Faults;

    /// <summary>Request, response and error counters.</summary>
    public ModbusServerStatistics Statistics { get; } = new();

    /// <summary>The endpoint listened on (the actual port when started on port 0).</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("server not started");

    /// <summary>Starts listening on <paramref name="endpoint"/> (port 0: a free port) and serving.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound (in use, not local).</exception>
    public void Start(IPEndPoint endpoint)
    {
        if (_listener is not null) throw new InvalidOperationException("server already started");
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endpoint);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    /// <summary>Stops listening, closes every connection and waits for them to end. A second call does nothing.</summary>
    public async Task StopAsync()
    {
        if (_listener is null || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        Task[] running;
        lock (_connections) running = [.. _connections];
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Stops the server; disposing twice is harmless.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (token.IsCancellationRequested) return;
                continue;
            }
            Statistics.Connection();
            lock (_connections)
            {
                if (_connections.Count >= _options.MaxConnections)
                {
                    socket.Dispose();
                    continue;
                }
                var connection = ServeAsync(socket, token);
                _connections.Add(connection);
                _ = connection.ContinueWith(t => { lock (_connections) _connections.Remove(t); }, TaskScheduler.Default);
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var channel = TcpChannel.FromAccepted(socket, _time);
        try
        {
            await channel.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (_options.Framing == ModbusTcpFraming.Mbap)
            {
                await ServeMbapAsync(channel, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RtuServerLoop.RunAsync(channel, _engine, _options.RtuFrameGap, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ChannelException or OperationCanceledException)
        {
            // client went away or the server stops
        }
    }

    private async Task ServeMbapAsync(TcpChannel channel, CancellationToken cancellationToken)
    {
        byte[] receive = new byte[4 * MbapFraming.MaxAduLength];
        byte[] send = new byte[MbapFraming.MaxAduLength];
        int start = 0, end = 0;
        while (true)
        {
            if (end == receive.Length)
            {
                Buffer.BlockCopy(receive, start, receive, 0, end - start);
                end -= start;
                start = 0;
            }
            end += await channel.ReadAsync(receive.AsMemory(end), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var status = MbapFraming.TryDecode(receive.AsSpan(start, end - start), out var frame, out int consumed, out _);
                if (status == DecodeStatus.NeedMoreData) break;
                start += consumed;
                if (status == DecodeStatus.Invalid)
                {
                    _engine.Statistics.BadFrame();
                    if (consumed == 0) return;
                    continue;
                }
                ushort transactionId = frame.TransactionId;
                int length = _engine.Answer(frame.UnitId, frame.Pdu, send.AsSpan(MbapFraming.HeaderLength), broadcast: false,
                    out byte answerUnit, out var applied);
                if (length == 0) continue;
                MbapFraming.WriteHeader(send, transactionId, answerUnit, length);
                await _engine.SendAsync(channel, send.AsMemory(0, MbapFraming.HeaderLength + length), applied, cancellationToken).ConfigureAwait(false);
            }
            if (start == end) start = end = 0;
        }
    }
}
