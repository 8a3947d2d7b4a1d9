using System.Collections.Concurrent;
using CarbonEdge.Protocols.Mqtt.Adapter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// One network connection of a client, from CONNACK to its end: a reader loop, a writer loop and a keep-alive loop.
/// No lock is held across I/O: producers queue packets and signal the writer, which encodes whatever is queued into one
/// buffer and sends it in one write. Any failure ends the connection once (<see cref="Closed"/>); the client then
/// decides about reconnecting.
/// </summary>
internal sealed class MqttConnection
{
    private const int FlushThreshold = 64 * 1024;
    private readonly MqttClient _client;
    private readonly MqttChannelAdapter _adapter;
    private readonly TimeProvider _time;
    private readonly TimeSpan _keepAlive;
    private readonly TimeSpan _pingTimeout;
    private readonly ConcurrentQueue<MqttPacket> _control = new();
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnectWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile MqttDisconnectPacket? _disconnect;
    private volatile MqttDisconnectPacket? _abort;
    private long _lastSent;
    private long _lastReceived;
    private long _pingSentAt;
    private int _ended;
    private bool _windowFreed;
    private Task _loops = Task.CompletedTask;

    public MqttConnection(MqttClient client, MqttChannelAdapter adapter, TimeProvider time, TimeSpan keepAlive, TimeSpan pingTimeout)
    {
        _client = client;
        _adapter = adapter;
        _time = time;
        _keepAlive = keepAlive;
        _pingTimeout = pingTimeout;
        _lastSent = _lastReceived = time.GetTimestamp();
        Acknowledgements = new AcknowledgementQueue(client.SendAcknowledgement(this));
    }

    public MqttProtocolVersion Version => _adapter.Version;

    public string Endpoint => _adapter.Endpoint;

    /// <summary>Received QoS 1/2 publishes waiting for acknowledgement, in receive order.</summary>
    public AcknowledgementQueue Acknowledgements { get; }

    public bool IsAlive => Volatile.Read(ref _ended) == 0;

    /// <summary>True when the client ended the connection (DISCONNECT sent or disposal).</summary>
    public bool ClosedByClient { get; private set; }

    /// <summary>MQTT 5: reason code of the broker's DISCONNECT, if it sent one.</summary>
    public MqttDisconnectReasonCode? ServerDisconnectReason { get; set; }

    /// <summary>Completes once when the connection ends, with the cause (null when the client closed it).</summary>
    public Task<Exception?> Closed => _closed.Task;

    public long BytesSent => _adapter.BytesSent;

    public long BytesReceived => _adapter.BytesReceived;

    public void Start()
    {
        var reader = ReadLoopAsync();
        var writer = WriteLoopAsync();
        var keepAlive = _keepAlive > TimeSpan.Zero ? KeepAliveLoopAsync() : Task.CompletedTask;
        _loops = Task.WhenAll(reader, writer, keepAlive);
    }

    /// <summary>Queues a control packet (acknowledgement, SUBSCRIBE, PINGREQ, resend) ahead of queued publishes.</summary>
    public void Send(MqttPacket packet)
    {
        _control.Enqueue(packet);
        _signal.Set();
    }

    /// <summary>Wakes the writer: the client queued a publish.</summary>
    public void Signal() => _signal.Set();

    public void OnPingResponse() => Volatile.Write(ref _pingSentAt, 0);

    /// <summary>Reader loop: an acknowledgement freed an inflight slot; the writer is woken after the current batch.</summary>
    public void OnWindowFreed() => _windowFreed = true;

    /// <summary>
    /// Writes DISCONNECT after the publishes queued so far, waits for the broker to close its side (so no reset loses the
    /// DISCONNECT and fires the Will), then ends the connection. Gives up after <paramref name="timeout"/>.
    /// </summary>
    public async Task DisconnectAsync(MqttDisconnectPacket packet, TimeSpan timeout)
    {
        ClosedByClient = true;
        _disconnect = packet;
        _signal.Set();
        var deadline = Task.Delay(timeout, _time);
        if (await Task.WhenAny(_disconnectWritten.Task, _closed.Task, deadline).ConfigureAwait(false) == _disconnectWritten.Task)
        {
            await Task.WhenAny(_closed.Task, deadline).ConfigureAwait(false);
        }
        End(null);
    }

    /// <summary>Ends the connection (idempotent): cancels the loops and closes the socket.</summary>
    public void End(Exception? reason)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        if (ClosedByClient) reason = null;
        Acknowledgements.Close();
        _stop.Cancel();
        _signal.Set();
        _ = _adapter.AbortAsync().AsTask();
        _closed.TrySetResult(reason);
    }

    /// <summary>Waits for the loops to stop and releases the buffers; after <see cref="Closed"/>.</summary>
    public async Task DisposeAsync()
    {
        End(null);
        await _loops.ConfigureAwait(false);
        await _adapter.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var packet = await _adapter.ReceiveAsync(_stop.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                await _client.HandlePacketAsync(this, packet, _stop.Token).ConfigureAwait(false);
                // Acknowledgements free inflight slots: wake the writer once per received batch, not once per PUBACK,
                // so it refills the window with one write.
                if (_windowFreed && !_adapter.HasCompletePacket)
                {
                    _windowFreed = false;
                    _signal.Set();
                }
            }
        }
        catch (MqttProtocolException ex) when (Version == MqttProtocolVersion.V500)
        {
            await AbortAsync(ex).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            End(ex is OperationCanceledException && _stop.IsCancellationRequested ? null : ex);
        }
    }

    /// <summary>
    /// MQTT 5.0 §4.13: after a malformed packet or a protocol error the client sends DISCONNECT with the reason code
    /// (0x81, 0x82, ...) before it closes the connection. Waits at most a second for the write.
    /// </summary>
    private async Task AbortAsync(MqttProtocolException exception)
    {
        _abort = new MqttDisconnectPacket { ReasonCode = exception.ReasonCode };
        _signal.Set();
        await Task.WhenAny(_disconnectWritten.Task, _closed.Task, Task.Delay(TimeSpan.FromSeconds(1), _time)).ConfigureAwait(false);
        End(exception);
    }

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                if (_abort is { } abort)
                {
                    _adapter.Encode(abort);
                    await _adapter.FlushAsync(_stop.Token).ConfigureAwait(false);
                    _disconnectWritten.TrySetResult();
                    return;
                }
                bool wrote = false;
                while (_control.TryDequeue(out var packet))
                {
                    _adapter.Encode(packet);
                    wrote = true;
                }
                while (_adapter.PendingBytes < FlushThreshold && _client.TryTakePublish(out var publish))
                {
                    await _client.StoreInOutboxAsync(publish, _stop.Token).ConfigureAwait(false);
                    _adapter.Encode(publish);
                    wrote = true;
                }
                if (wrote)
                {
                    await _adapter.FlushAsync(_stop.Token).ConfigureAwait(false);
                    Volatile.Write(ref _lastSent, _time.GetTimestamp());
                    continue;
                }
                if (_disconnect is { } disconnect)
                {
                    _adapter.Encode(disconnect);
                    await _adapter.FlushAsync(_stop.Token).ConfigureAwait(false);
                    _disconnectWritten.TrySetResult();
                    return;
                }
                _signal.PrepareWait();
                if (!_control.IsEmpty || _client.CanTakePublish || _disconnect is not null || _abort is not null || _stop.IsCancellationRequested)
                {
                    await _signal.CancelWaitAsync().ConfigureAwait(false);
                    _stop.Token.ThrowIfCancellationRequested();
                    continue;
                }
                await _signal.WaitAsync().ConfigureAwait(false);
                _stop.Token.ThrowIfCancellationRequested();
            }
        }
        catch (Exception ex)
        {
            End(ex is OperationCanceledException && _stop.IsCancellationRequested ? null : ex);
        }
    }

    /// <summary>
    /// Sends PINGREQ when nothing was sent or received for the keep-alive period (MQTT 3.1.1 §3.1.2.10, §3.12) and ends
    /// the connection when PINGRESP does not come within the ping timeout: a dead link is found even when the socket
    /// reports nothing.
    /// </summary>
    private async Task KeepAliveLoopAsync()
    {
        var tick = TimeSpan.FromTicks(Math.Clamp(_keepAlive.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        try
        {
            while (true)
            {
                await Task.Delay(tick, _time, _stop.Token).ConfigureAwait(false);
                long now = _time.GetTimestamp();
                long pingSentAt = Volatile.Read(ref _pingSentAt);
                if (pingSentAt != 0)
                {
                    if (_time.GetElapsedTime(pingSentAt, now) >= _pingTimeout)
                    {
                        End(new MqttCommunicationException(
                            $"No PINGRESP from {Endpoint} within {_pingTimeout.TotalSeconds:0.###} s: the link is dead."));
                        return;
                    }
                    continue;
                }
                if (_time.GetElapsedTime(Volatile.Read(ref _lastSent), now) >= _keepAlive ||
                    _time.GetElapsedTime(Volatile.Read(ref _lastReceived), now) >= _keepAlive)
                {
                    Volatile.Write(ref _pingSentAt, now);
                    Send(MqttPingReqPacket.Instance);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
