using System.Threading.Channels;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

// Incoming packets: dispatch of received messages, ordered acknowledgements, QoS 2 receiver state.
public sealed partial class MqttClient
{
    private readonly Channel<MqttMessageReceivedEventArgs> _received;
    private readonly HashSet<ushort> _incomingExactlyOnce = [];
    private Task _dispatcher = Task.CompletedTask;

    /// <summary>Called by a connection's reader loop for every packet after CONNACK.</summary>
    internal ValueTask HandlePacketAsync(MqttConnection connection, MqttPacket packet, CancellationToken cancellationToken)
    {
        switch (packet)
        {
            case MqttPublishPacket publish:
                return ReceivePublishAsync(connection, publish, cancellationToken);
            case MqttPubAckPacket pubAck:
                return CompletePublishAsync(connection, MqttControlPacketType.PubAck, pubAck.PacketIdentifier, pubAck.ReasonCode, pubAck.ReasonString);
            case MqttPubRecPacket pubRec:
                return OnPubRecAsync(connection, pubRec);
            case MqttPubCompPacket pubComp:
                return CompletePublishAsync(connection, MqttControlPacketType.PubComp, pubComp.PacketIdentifier,
                    pubComp.ReasonCode == MqttPubRelReasonCode.Success ? MqttPubAckReasonCode.Success : MqttPubAckReasonCode.UnspecifiedError,
                    pubComp.ReasonString);
            case MqttPubRelPacket pubRel:
                // MQTT 3.1.1 §4.3.3: the receiver discards the identifier and answers PUBCOMP (also for one it does not know).
                lock (_sync) _incomingExactlyOnce.Remove(pubRel.PacketIdentifier);
                connection.Send(new MqttPubCompPacket { PacketIdentifier = pubRel.PacketIdentifier });
                break;
            case MqttSubAckPacket or MqttUnsubAckPacket:
                CompleteRequest((MqttPacketWithIdentifier)packet);
                break;
            case MqttPingRespPacket:
                connection.OnPingResponse();
                break;
            case MqttDisconnectPacket disconnect:
                connection.ServerDisconnectReason = disconnect.ReasonCode;
                throw new MqttCommunicationException(
                    $"The broker at {connection.Endpoint} disconnected: {disconnect.ReasonCode} (0x{(byte)disconnect.ReasonCode:X2}){(disconnect.ReasonString is null ? "" : ": " + disconnect.ReasonString)}.");
            default:
                throw new MqttProtocolException($"The broker sent {packet.Type}, which a server never sends (MQTT 3.1.1 §2.2.1).");
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A received PUBLISH: registered for in-order acknowledgement (QoS 1/2) and queued for the dispatch loop. A QoS 2
    /// duplicate whose PUBREC was already sent is not delivered again; its PUBREC is repeated (MQTT 3.1.1 §4.3.3).
    /// </summary>
    private ValueTask ReceivePublishAsync(MqttConnection connection, MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        // This client announces Topic Alias Maximum 0, so the broker may not use aliases (MQTT 5.0 §3.3.2.3.4).
        if (publish.TopicAlias != 0)
            throw new MqttProtocolException($"The broker used topic alias {publish.TopicAlias}, which this client never allowed.", MqttDisconnectReasonCode.TopicAliasInvalid);
        var qos = publish.Message.QualityOfService;
        IncomingAcknowledgement? acknowledgement = null;
        if (qos != MqttQualityOfServiceLevel.AtMostOnce)
        {
            bool duplicate;
            lock (_sync) duplicate = qos == MqttQualityOfServiceLevel.ExactlyOnce && _incomingExactlyOnce.Contains(publish.PacketIdentifier);
            acknowledgement = connection.Acknowledgements.Register(publish.PacketIdentifier, qos);
            if (duplicate)
            {
                acknowledgement.Acknowledge();
                return ValueTask.CompletedTask;
            }
        }
        var args = new MqttMessageReceivedEventArgs(publish.Message, publish.Dup, publish.PacketIdentifier, acknowledgement);
        return _received.Writer.TryWrite(args) ? ValueTask.CompletedTask : _received.Writer.WriteAsync(args, cancellationToken);
    }

    /// <summary>How a connection's acknowledgement queue sends PUBACK / PUBREC.</summary>
    internal Action<ushort, MqttQualityOfServiceLevel> SendAcknowledgement(MqttConnection connection) => (packetIdentifier, qos) =>
    {
        if (qos == MqttQualityOfServiceLevel.AtLeastOnce)
        {
            connection.Send(new MqttPubAckPacket { PacketIdentifier = packetIdentifier });
            return;
        }
        lock (_sync) _incomingExactlyOnce.Add(packetIdentifier);
        connection.Send(new MqttPubRecPacket { PacketIdentifier = packetIdentifier });
    };

    private async Task InvokeHandlerAsync(Func<MqttMessageReceivedEventArgs, Task> handler, MqttMessageReceivedEventArgs args)
    {
        try
        {
            await handler(args).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MqttClientLog.HandlerFailed(_logger, args.Message.Topic, ex);
        }
    }

    private void EnsureDispatcher()
    {
        lock (_sync)
        {
            if (_dispatcher.IsCompleted) _dispatcher = DispatchLoopAsync();
        }
    }

    private async Task DispatchLoopAsync()
    {
        try
        {
            await foreach (var args in _received.Reader.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
            {
                if (MessageReceivedAsync is { } handlers)
                {
                    if (handlers.HasSingleTarget) await InvokeHandlerAsync(handlers, args).ConfigureAwait(false);
                    else foreach (var handler in handlers.GetInvocationList().Cast<Func<MqttMessageReceivedEventArgs, Task>>()) await InvokeHandlerAsync(handler, args).ConfigureAwait(false);
                }
                if (args.AutoAcknowledge) await args.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }
}
