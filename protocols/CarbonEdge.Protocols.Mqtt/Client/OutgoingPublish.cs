using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// A QoS 1/2 publish: queued, then in the session state (MQTT 3.1.1 §4.1) from the moment a writer loop gives it a
/// packet identifier until its PUBACK or PUBCOMP. After a reconnect it is resent with DUP (MQTT 3.1.1 §4.4); a QoS 2
/// publish whose PUBREC arrived is <see cref="Released"/> and resends PUBREL instead.
/// </summary>
internal sealed class OutgoingPublish(MqttPublishPacket packet)
{
    public MqttPublishPacket Packet { get; } = packet;

    /// <summary>Order in which the writer took it; resends keep it.</summary>
    public long Sequence { get; set; }

    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP.</summary>
    public bool Released { get; set; }

    /// <summary>QoS 2: the PUBREC's reason, reported when PUBCOMP completes the exchange.</summary>
    public MqttPubAckReasonCode PubRecReasonCode { get; set; }

    public string? PubRecReasonString { get; set; }
}

/// <summary>A publish waiting in the client's queue for a writer loop; <paramref name="Tracked"/> is null for QoS 0.</summary>
internal readonly record struct QueuedPublish(MqttPublishPacket Packet, OutgoingPublish? Tracked);

/// <summary>A SUBSCRIBE or UNSUBSCRIBE waiting for its SUBACK or UNSUBACK; resent on every new connection until answered.</summary>
internal sealed class PendingRequest(MqttPacketWithIdentifier packet, long sequence)
{
    public MqttPacketWithIdentifier Packet { get; } = packet;

    public long Sequence { get; } = sequence;

    public TaskCompletionSource<MqttPacket> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
