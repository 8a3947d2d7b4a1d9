using System.Text;
using System.Threading.Channels;
using CarbonEdge.Protocols.Mqtt.Adapter;
using CarbonEdge.Protocols.Mqtt.Channel;
using CarbonEdge.Protocols.Mqtt.Packets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// An MQTT 3.1.1 / 5.0 client: one session over successive network connections, with automatic reconnect
/// (exponential backoff and jitter), keep-alive and dead-link detection, QoS 0/1/2 publishing with an inflight window,
/// resend of unacknowledged publishes with DUP after a reconnect, subscriptions restored when the broker lost the
/// session, and received messages handed to <see cref="MessageReceivedAsync"/> with manual acknowledgement available.
/// Thread-safe: any number of callers may publish at once.
/// </summary>
/// <remarks>MQTT 3.1.1 (OASIS, 2014) §3 and §4; MQTT 5.0 (OASIS, 2019) §3 and §4.</remarks>
public sealed partial class MqttClient : IAsyncDisposable
{
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(5);
    private readonly object _sync = new();
    private readonly Func<IMqttChannel> _channelFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lifetime = new();
    private ClientState _state = ClientState.Idle;
    private CancellationTokenSource? _session;
    private MqttConnection? _connection;
    private Task _watch = Task.CompletedTask;
    private int _disposed;

    /// <summary>Creates a client over TCP (or TLS when <see cref="MqttClientOptions.Tls"/> is set) to the options' host.</summary>
    /// <param name="options">Connection and session options; validated here.</param>
    /// <param name="logger">Where connection changes and failures are logged; null for none.</param>
    /// <param name="timeProvider">Clock for keep-alive and reconnect delays; null for the system clock.</param>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public MqttClient(MqttClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(options, () => new MqttTcpChannel(options.Host, options.Port, options.Tls), logger, timeProvider)
    {
    }

    /// <summary>Creates a client over channels that <paramref name="channelFactory"/> makes, one per connection attempt.</summary>
    public MqttClient(MqttClientOptions options, Func<IMqttChannel> channelFactory, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(channelFactory);
        options.Validate();
        Options = options;
        _channelFactory = channelFactory;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _inflightLimit = options.MaxInflight;
        _publishQueue = System.Threading.Channels.Channel.CreateBounded<QueuedPublish>(
            new BoundedChannelOptions(options.MaxPendingPublishes) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _received = System.Threading.Channels.Channel.CreateBounded<MqttMessageReceivedEventArgs>(
            new BoundedChannelOptions(options.MaxPendingReceived) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    }

    private enum ClientState
    {
        Idle,
        Connecting,
        Connected,
        Reconnecting,
        Disposed,
    }

    /// <summary>The options this client was made with (do not change them after construction).</summary>
    public MqttClientOptions Options { get; }

    /// <summary>True while a network connection is established (CONNACK received and not lost since).</summary>
    public bool IsConnected
    {
        get
        {
            lock (_sync) return _connection is { IsAlive: true };
        }
    }

    /// <summary>Raised after every successful connect and reconnect, once the connection is ready for traffic (publishing from the handler is fine).</summary>
    public event Func<MqttConnectedEventArgs, Task>? ConnectedAsync;

    /// <summary>Raised when a connection ends, before any reconnect attempt.</summary>
    public event Func<MqttDisconnectedEventArgs, Task>? DisconnectedAsync;

    /// <summary>
    /// Raised for each received message, one at a time in receive order, on a dispatch loop separate from the socket reader.
    /// Handlers run in subscription order. An exception is logged and the message still acknowledged (unless
    /// <see cref="MqttMessageReceivedEventArgs.AutoAcknowledge"/> was cleared).
    /// </summary>
    public event Func<MqttMessageReceivedEventArgs, Task>? MessageReceivedAsync;

    /// <summary>
    /// Connects (TCP, TLS, CONNECT/CONNACK within <see cref="MqttClientOptions.ConnectTimeout"/>). One attempt: a host that
    /// must start while the broker is unreachable calls it again until it succeeds. After success, lost connections are
    /// re-established automatically when <see cref="MqttClientOptions.AutoReconnect"/> is set.
    /// </summary>
    /// <exception cref="MqttConnectException">The broker refused the connection (reason code inside).</exception>
    /// <exception cref="MqttCommunicationException">The broker could not be reached, or no CONNACK in time.</exception>
    /// <exception cref="InvalidOperationException">Already connected or connecting.</exception>
    public async Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        CancellationTokenSource session;
        lock (_sync)
        {
            if (_state != ClientState.Idle) throw new InvalidOperationException($"ConnectAsync was called while the client is {_state}.");
            _state = ClientState.Connecting;
            session = _session = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        }
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Token);
            await RestoreOutboxAsync(linked.Token).ConfigureAwait(false);
            var (adapter, connAck) = await EstablishAsync(linked.Token).ConfigureAwait(false);
            var result = Activate(adapter, connAck, ClientState.Connecting);
            EnsureDispatcher();
            await RaiseAsync(ConnectedAsync, new MqttConnectedEventArgs(result, IsReconnect: false)).ConfigureAwait(false);
            return result;
        }
        catch
        {
            lock (_sync)
            {
                if (_state == ClientState.Connecting) _state = ClientState.Idle;
            }
            throw;
        }
    }

    /// <summary>
    /// Connects like <see cref="ConnectAsync"/>, trying again after each failure (unreachable, no CONNACK in time, or
    /// refused, e.g. while a broker ACL is being fixed) with the reconnect backoff (<see cref="MqttClientOptions.ReconnectDelayMin"/>
    /// to <see cref="MqttClientOptions.ReconnectDelayMax"/>, with jitter) until it succeeds: for hosts that must start
    /// while the broker is away. <paramref name="onFailure"/> is told of each failed attempt and the wait before the next.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task<MqttConnectResult> ConnectWithRetryAsync(Action<MqttException, TimeSpan>? onFailure = null,
        CancellationToken cancellationToken = default)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MqttException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = ReconnectBackoff.Delay(attempt, Options.ReconnectDelayMin, Options.ReconnectDelayMax, Random.Shared);
                onFailure?.Invoke(ex, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sends DISCONNECT after the publishes already queued, so the broker does not publish the Last Will, and closes the
    /// connection; no reconnect follows. Unacknowledged QoS 1/2 publishes stay in the session and are resent after the
    /// next <see cref="ConnectAsync"/>. Does nothing when not connected.
    /// </summary>
    public Task DisconnectAsync(CancellationToken cancellationToken = default) =>
        DisconnectAsync(new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.NormalDisconnection }, cancellationToken);

    /// <summary>
    /// Disconnects with an MQTT 5 DISCONNECT packet (reason code 0x04 asks the broker to publish the Will; a session expiry
    /// may be set). On MQTT 3.1.1 only the packet type is sent.
    /// </summary>
    public async Task DisconnectAsync(MqttDisconnectPacket packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        MqttConnection? connection;
        Task watch;
        lock (_sync)
        {
            if (_state is ClientState.Idle or ClientState.Disposed) return;
            _state = ClientState.Idle;
            _session?.Cancel();
            connection = _connection;
            watch = _watch;
        }
        if (connection is not null) await connection.DisconnectAsync(packet, DisconnectTimeout).WaitAsync(cancellationToken).ConfigureAwait(false);
        await watch.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disconnects (best effort, with DISCONNECT) and fails every pending operation with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttException or OperationCanceledException or TimeoutException)
        {
            // best effort: the connection is closed below either way
        }
        MqttConnection? connection;
        lock (_sync)
        {
            _state = ClientState.Disposed;
            connection = _connection;
            _connection = null;
        }
        _lifetime.Cancel();
        if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
        FailPending(new ObjectDisposedException(nameof(MqttClient)));
        _received.Writer.TryComplete();
        await _dispatcher.ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task<(MqttChannelAdapter Adapter, MqttConnAckPacket ConnAck)> EstablishAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var channel = _channelFactory();
        var adapter = new MqttChannelAdapter(channel, Options.ProtocolVersion, Options.MaximumPacketSize);
        try
        {
            await channel.ConnectAsync(linked.Token).ConfigureAwait(false);
            adapter.Encode(BuildConnectPacket());
            await adapter.FlushAsync(linked.Token).ConfigureAwait(false);
            var packet = await adapter.ReceiveAsync(linked.Token).ConfigureAwait(false);
            if (packet is not MqttConnAckPacket connAck)
                throw new MqttProtocolException($"The broker at {channel.Endpoint} answered CONNECT with {packet.Type} instead of CONNACK (MQTT 3.1.1 §3.2).");
            if (connAck.ReasonCode != MqttConnectReasonCode.Success) throw new MqttConnectException(connAck.ReasonCode, connAck.ReasonString);
            return (adapter, connAck);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
            throw new MqttCommunicationException($"No CONNACK from {channel.Endpoint} within {Options.ConnectTimeout.TotalSeconds:0.###} s.");
        }
        catch
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private MqttConnectPacket BuildConnectPacket()
    {
        var options = Options;
        return new MqttConnectPacket
        {
            ProtocolVersion = options.ProtocolVersion,
            ClientId = options.ClientId,
            CleanSession = options.CleanSession,
            KeepAliveSeconds = (ushort)options.KeepAlive.TotalSeconds,
            Username = options.Username,
            Password = options.Password is null ? null : Encoding.UTF8.GetBytes(options.Password),
            Will = options.Will,
            WillDelayInterval = (uint)options.WillDelayInterval.TotalSeconds,
            SessionExpiryInterval = options.SessionExpiryInterval is { } expiry
                ? (uint)Math.Min(uint.MaxValue, expiry.TotalSeconds)
                : options.CleanSession ? 0 : uint.MaxValue,
            ReceiveMaximum = options.ReceiveMaximum,
            MaximumPacketSize = options.MaximumPacketSize < Formatter.MqttPacketFormatter.MaximumPacketSize ? (uint)options.MaximumPacketSize : null,
            UserProperties = options.UserProperties,
        };
    }

    /// <summary>
    /// Makes a new connection current: restores subscriptions if the broker lost the session, queues the pending
    /// SUBSCRIBE/UNSUBSCRIBE requests and the unacknowledged publishes (DUP) ahead of everything else, starts the loops.
    /// </summary>
    private MqttConnectResult Activate(MqttChannelAdapter adapter, MqttConnAckPacket connAck, ClientState expected)
    {
        var keepAlive = connAck.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : Options.KeepAlive;
        var connection = new MqttConnection(this, adapter, _time, keepAlive, Options.PingTimeout ?? keepAlive);
        int resent;
        lock (_sync)
        {
            if (_state != expected)
            {
                _ = connection.DisposeAsync();
                throw new OperationCanceledException("The client was disconnected while connecting.");
            }
            resent = RestoreSession(connection, connAck);
            _connection = connection;
            _state = ClientState.Connected;
            _watch = WatchAsync(connection);
        }
        connection.Start();
        MqttClientLog.Connected(_logger, connection.Endpoint, Options.ClientId, connAck.SessionPresent, resent);
        return new MqttConnectResult(connAck.SessionPresent, connAck);
    }

    /// <summary>Waits for the connection to end, reports it and reconnects when that is wanted.</summary>
    private async Task WatchAsync(MqttConnection connection)
    {
        var reason = await connection.Closed.ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        bool reconnect;
        CancellationToken session;
        lock (_sync)
        {
            if (_connection == connection) _connection = null;
            reconnect = _state == ClientState.Connected && Options.AutoReconnect && !connection.ClosedByClient;
            if (_state == ClientState.Connected) _state = reconnect ? ClientState.Reconnecting : ClientState.Idle;
            session = _session?.Token ?? new CancellationToken(canceled: true);
        }
        if (!connection.ClosedByClient) MqttClientLog.ConnectionLost(_logger, connection.Endpoint, reconnect, reason);
        await RaiseAsync(DisconnectedAsync, new MqttDisconnectedEventArgs(connection.ClosedByClient, reason,
            connection.ServerDisconnectReason, reconnect)).ConfigureAwait(false);
        if (reconnect) await ReconnectAsync(session).ConfigureAwait(false);
    }

    private async Task ReconnectAsync(CancellationToken session)
    {
        for (int attempt = 0; !session.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(ReconnectBackoff.Delay(attempt, Options.ReconnectDelayMin, Options.ReconnectDelayMax, Random.Shared), _time, session)
                    .ConfigureAwait(false);
                var (adapter, connAck) = await EstablishAsync(session).ConfigureAwait(false);
                var result = Activate(adapter, connAck, ClientState.Reconnecting);
                await RaiseAsync(ConnectedAsync, new MqttConnectedEventArgs(result, IsReconnect: true)).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (session.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                MqttClientLog.ReconnectFailed(_logger, attempt + 1, $"{Options.Host}:{Options.Port}", ex);
            }
        }
    }

    private async Task RaiseAsync<T>(Func<T, Task>? handlers, T args)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            try
            {
                await handler(args).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                MqttClientLog.EventHandlerFailed(_logger, ex);
            }
        }
    }

    /// <summary>Throws unless a session is active (connected, connecting or reconnecting).</summary>
    private void EnsureSession()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ClientState state;
        lock (_sync) state = _state;
        if (state is ClientState.Idle or ClientState.Disposed) throw new MqttNotConnectedException();
    }
}
