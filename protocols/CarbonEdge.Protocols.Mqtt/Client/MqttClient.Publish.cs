using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

// Outgoing publishes: queue, inflight window, packet identifiers, acknowledgements, resend after reconnect.
public sealed partial class MqttClient
{
    private static readonly Task<MqttPublishResult> AtMostOnceResult = Task.FromResult(new MqttPublishResult(0, MqttPubAckReasonCode.Success));
    private readonly Channel<QueuedPublish> _publishQueue;
    private readonly Dictionary<ushort, OutgoingPublish> _inflight = [];
    private int _inflightLimit;
    private int _inflightPublishes;
    private ushort _lastPacketIdentifier;
    private long _sequence;
    private bool _outboxLoaded;

    /// <summary>QoS 1/2 publishes sent and not yet acknowledged (at most <see cref="MqttClientOptions.MaxInflight"/>).</summary>
    public int InflightCount
    {
        get { lock (_sync) return _inflightPublishes; }
    }

    /// <summary>
    /// Publishes a message. QoS 0: completes once the message is queued for the connection. QoS 1: completes when the
    /// PUBACK arrives; QoS 2: when PUBCOMP arrives. Messages go on the wire in the order of the calls. If the link drops
    /// first, the message is resent with DUP after the automatic reconnect and the task completes on that acknowledgement.
    /// While disconnected (reconnecting) publishes wait in the queue. At most <see cref="MqttClientOptions.MaxInflight"/>
    /// QoS 1/2 publishes are unacknowledged at once (MQTT 5: also at most the broker's Receive Maximum); the queue holds
    /// <see cref="MqttClientOptions.MaxPendingPublishes"/> more, beyond which this call waits (backpressure).
    /// </summary>
    /// <remarks>
    /// Cancellation before the message is queued withdraws it; after that it only stops the wait, and the message is still
    /// delivered (at least once). MQTT 3.1.1 §4.3, §4.4, §4.6; MQTT 5.0 §4.3, §4.4, §4.9.
    /// </remarks>
    /// <exception cref="ArgumentException">Invalid topic name (empty, wildcards), QoS or size.</exception>
    /// <exception cref="MqttNotConnectedException">No <see cref="ConnectAsync"/> yet, or after <see cref="DisconnectAsync(CancellationToken)"/>.</exception>
    /// <exception cref="MqttPublishException">MQTT 5: the broker refused the message (reason code 0x80 or above).</exception>
    public Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ValidateMessage(message);
        EnsureSession();
        var packet = new MqttPublishPacket(message);
        var tracked = message.QualityOfService == MqttQualityOfServiceLevel.AtMostOnce ? null : new OutgoingPublish(packet);
        var queued = new QueuedPublish(packet, tracked);
        if (!_publishQueue.Writer.TryWrite(queued)) return QueueSlowAsync(queued, cancellationToken);
        SignalWriter();
        if (tracked is null) return AtMostOnceResult;
        return cancellationToken.CanBeCanceled ? tracked.Completion.Task.WaitAsync(cancellationToken) : tracked.Completion.Task;
    }

    private async Task<MqttPublishResult> QueueSlowAsync(QueuedPublish queued, CancellationToken cancellationToken)
    {
        try
        {
            await _publishQueue.Writer.WriteAsync(queued, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(MqttClient));
        }
        SignalWriter();
        if (queued.Tracked is null) return new MqttPublishResult(0, MqttPubAckReasonCode.Success);
        return await queued.Tracked.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wakes the current connection's writer (a new connection drains the queue when it starts anyway).</summary>
    private void SignalWriter() => Volatile.Read(ref _connection)?.Signal();

    private void ValidateMessage(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MqttTopic.IsValidTopicName(message.Topic))
            throw new ArgumentException($"'{message.Topic}' is not a topic name one may publish to (non-empty, no '+' or '#', MQTT 3.1.1 §4.7.3).", nameof(message));
        if (message.QualityOfService > MqttQualityOfServiceLevel.ExactlyOnce)
            throw new ArgumentException($"QoS {(int)message.QualityOfService} does not exist.", nameof(message));
        int size = MqttSpanWriter.StringSize(message.Topic) + 2 + message.Payload.Length;
        if (size > MqttVariableByteInteger.MaxValue - 1024)
            throw new ArgumentException($"A payload of {message.Payload.Length} bytes exceeds the MQTT maximum packet size.", nameof(message));
    }

    /// <summary>
    /// Called by the writer loop: the next queued publish, unless it needs a packet identifier and the inflight window is
    /// full. A QoS 1/2 publish gets its packet identifier here and enters the session state, so identifiers and wire order
    /// follow the order of the calls.
    /// </summary>
    internal bool TryTakePublish([NotNullWhen(true)] out MqttPublishPacket? packet)
    {
        packet = null;
        if (!CanTakePublish) return false;
        if (!_publishQueue.Reader.TryRead(out var queued)) return false;
        if (queued.Tracked is { } tracked)
        {
            lock (_sync)
            {
                tracked.Packet.PacketIdentifier = AllocatePacketIdentifier();
                tracked.Sequence = ++_sequence;
                _inflight.Add(tracked.Packet.PacketIdentifier, tracked);
                _inflightPublishes++;
            }
        }
        packet = queued.Packet;
        return true;
    }

    /// <summary>A publish is queued and the window lets it go.</summary>
    internal bool CanTakePublish =>
        _publishQueue.Reader.TryPeek(out var head) &&
        (head.Tracked is null || Volatile.Read(ref _inflightPublishes) < Volatile.Read(ref _inflightLimit));

    /// <summary>Writer loop, before a QoS 1/2 publish goes on the wire: record it in the outbox, if there is one.</summary>
    internal ValueTask StoreInOutboxAsync(MqttPublishPacket packet, CancellationToken cancellationToken) =>
        Options.Outbox is { } outbox && packet.Message.QualityOfService != MqttQualityOfServiceLevel.AtMostOnce && !packet.Dup
            ? CallOutboxAsync(outbox.StoreAsync(new MqttOutboxEntry(packet.PacketIdentifier, packet.Message), cancellationToken))
            : ValueTask.CompletedTask;

    private async ValueTask CallOutboxAsync(ValueTask call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MqttClientLog.OutboxFailed(_logger, ex);
        }
    }

    /// <summary>First connect: the publishes a previous process left in the outbox enter the session state, to be resent with DUP.</summary>
    private async Task RestoreOutboxAsync(CancellationToken cancellationToken)
    {
        if (Options.Outbox is not { } outbox || _outboxLoaded) return;
        var entries = await outbox.LoadAsync(cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            foreach (var entry in entries)
            {
                if (entry.PacketIdentifier == 0 || _inflight.ContainsKey(entry.PacketIdentifier)) continue;
                var tracked = new OutgoingPublish(new MqttPublishPacket(entry.Message) { PacketIdentifier = entry.PacketIdentifier, Dup = true })
                {
                    Sequence = ++_sequence,
                    Released = entry.Released,
                };
                _ = tracked.Completion.Task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                _inflight.Add(entry.PacketIdentifier, tracked);
                _inflightPublishes++;
            }
            _outboxLoaded = true;
        }
    }

    /// <summary>PUBACK (QoS 1) or PUBCOMP (QoS 2) arrived: the exchange is over.</summary>
    private async ValueTask CompletePublishAsync(MqttConnection? connection, MqttControlPacketType answer, ushort packetIdentifier, MqttPubAckReasonCode reasonCode, string? reasonString)
    {
        OutgoingPublish? tracked;
        lock (_sync)
        {
            if (!_inflight.Remove(packetIdentifier, out tracked))
            {
                MqttClientLog.UnknownPacketIdentifier(_logger, answer.ToString(), packetIdentifier);
                return;
            }
            _inflightPublishes--;
        }
        if (Options.Outbox is { } outbox) await CallOutboxAsync(outbox.RemoveAsync(packetIdentifier, CancellationToken.None)).ConfigureAwait(false);
        if (connection is not null) connection.OnWindowFreed();
        else SignalWriter();
        if (answer == MqttControlPacketType.PubComp && reasonCode == MqttPubAckReasonCode.Success)
        {
            reasonCode = tracked.PubRecReasonCode;
            reasonString ??= tracked.PubRecReasonString;
        }
        if (reasonCode >= MqttPubAckReasonCode.UnspecifiedError)
            tracked.Completion.TrySetException(new MqttPublishException(tracked.Packet.Message.Topic, reasonCode, reasonString));
        else
            tracked.Completion.TrySetResult(new MqttPublishResult(packetIdentifier, reasonCode, reasonString));
    }

    /// <summary>PUBREC for a QoS 2 publish: answer PUBREL (MQTT 3.1.1 §4.3.3), or end the exchange on an MQTT 5 failure code.</summary>
    private async ValueTask OnPubRecAsync(MqttConnection connection, MqttPubRecPacket pubRec)
    {
        if (pubRec.ReasonCode >= MqttPubAckReasonCode.UnspecifiedError)
        {
            await CompletePublishAsync(connection, MqttControlPacketType.PubRec, pubRec.PacketIdentifier, pubRec.ReasonCode, pubRec.ReasonString).ConfigureAwait(false);
            return;
        }
        bool known;
        lock (_sync)
        {
            known = _inflight.TryGetValue(pubRec.PacketIdentifier, out var tracked);
            if (tracked is not null)
            {
                tracked.Released = true;
                tracked.PubRecReasonCode = pubRec.ReasonCode;
                tracked.PubRecReasonString = pubRec.ReasonString;
            }
        }
        if (known && Options.Outbox is { } outbox) await CallOutboxAsync(outbox.ReleaseAsync(pubRec.PacketIdentifier, CancellationToken.None)).ConfigureAwait(false);
        connection.Send(new MqttPubRelPacket
        {
            PacketIdentifier = pubRec.PacketIdentifier,
            ReasonCode = MqttPubRelReasonCode.Success,
        });
    }

    /// <summary>Next free packet identifier (1..65535), skipping those in use by publishes and requests (MQTT 3.1.1 §2.3.1). Under <see cref="_sync"/>.</summary>
    private ushort AllocatePacketIdentifier()
    {
        for (int i = 0; i < ushort.MaxValue; i++)
        {
            _lastPacketIdentifier = _lastPacketIdentifier == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketIdentifier + 1);
            if (!_inflight.ContainsKey(_lastPacketIdentifier) && !_requests.ContainsKey(_lastPacketIdentifier)) return _lastPacketIdentifier;
        }
        throw new InvalidOperationException("All 65,535 packet identifiers are in use.");
    }

    /// <summary>
    /// Queues on a new connection, ahead of new traffic: the re-subscribe (when the broker has no session), pending
    /// requests, then every unacknowledged publish in original order, with DUP (or PUBREL once PUBREC came).
    /// Under <see cref="_sync"/>; returns the number of publishes resent.
    /// </summary>
    private int RestoreSession(MqttConnection connection, MqttConnAckPacket connAck)
    {
        if (!connAck.SessionPresent)
        {
            _incomingExactlyOnce.Clear();
            QueueResubscribe();
        }
        foreach (var request in _requests.Values.OrderBy(r => r.Sequence)) connection.Send(request.Packet);
        int resent = 0;
        foreach (var tracked in _inflight.Values.OrderBy(t => t.Sequence))
        {
            if (tracked.Released)
            {
                connection.Send(new MqttPubRelPacket { PacketIdentifier = tracked.Packet.PacketIdentifier });
            }
            else
            {
                tracked.Packet.Dup = true;
                connection.Send(tracked.Packet);
            }
            resent++;
        }
        _inflightLimit = Options.ProtocolVersion == MqttProtocolVersion.V500
            ? Math.Min(Options.MaxInflight, connAck.ReceiveMaximum ?? ushort.MaxValue)
            : Options.MaxInflight;
        return resent;
    }

    private void FailPending(Exception exception)
    {
        List<OutgoingPublish> publishes;
        List<PendingRequest> requests;
        lock (_sync)
        {
            publishes = [.. _inflight.Values];
            requests = [.. _requests.Values];
            _inflight.Clear();
            _inflightPublishes = 0;
            _requests.Clear();
        }
        _publishQueue.Writer.TryComplete();
        foreach (var publish in publishes) publish.Completion.TrySetException(exception);
        foreach (var request in requests) request.Completion.TrySetException(exception);
    }
}
