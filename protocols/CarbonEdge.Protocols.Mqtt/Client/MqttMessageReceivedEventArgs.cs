namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// A message the broker delivered. With <see cref="AutoAcknowledge"/> (the default) the client acknowledges it after the
/// handler returns. Set it to false in the handler to acknowledge later with <see cref="AcknowledgeAsync"/> (e.g. after the
/// data is stored): many messages may wait at once; PUBACK/PUBREC go out in receive order as MQTT 3.1.1 §4.6 requires, so
/// one message never acknowledged holds back the acknowledgements of all later ones on that connection.
/// </summary>
public sealed class MqttMessageReceivedEventArgs
{
    private readonly IncomingAcknowledgement? _acknowledgement;

    internal MqttMessageReceivedEventArgs(MqttApplicationMessage message, bool dup, ushort packetIdentifier, IncomingAcknowledgement? acknowledgement)
    {
        Message = message;
        Dup = dup;
        PacketIdentifier = packetIdentifier;
        _acknowledgement = acknowledgement;
    }

    /// <summary>Topic, payload, QoS, retain flag and MQTT 5 properties.</summary>
    public MqttApplicationMessage Message { get; }

    /// <summary>The broker marked this as a possible re-delivery (DUP flag, MQTT 3.1.1 §3.3.1.1).</summary>
    public bool Dup { get; }

    /// <summary>Packet identifier (0 for QoS 0).</summary>
    public ushort PacketIdentifier { get; }

    /// <summary>Acknowledge when the handler returns (default true). Set false to call <see cref="AcknowledgeAsync"/> yourself.</summary>
    public bool AutoAcknowledge { get; set; } = true;

    /// <summary>
    /// Acknowledges the message (PUBACK for QoS 1, PUBREC for QoS 2; nothing for QoS 0). Idempotent. Returns once the
    /// acknowledgement is queued; it is sent after those of earlier messages. If the connection the message came on has
    /// ended, this does nothing: the broker re-delivers the message (persistent session) and it is handled again.
    /// </summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _acknowledgement?.Acknowledge();
        return Task.CompletedTask;
    }
}
