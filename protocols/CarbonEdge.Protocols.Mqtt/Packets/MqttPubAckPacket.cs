namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>PUBACK: acknowledges a QoS 1 PUBLISH.</summary>
/// <remarks>MQTT 3.1.1 §3.4; MQTT 5.0 §3.4 (reason code and properties are MQTT 5 only).</remarks>
public sealed class MqttPubAckPacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.PubAck;

    /// <summary>MQTT 5 reason code (0x00 on MQTT 3.1.1).</summary>
    public MqttPubAckReasonCode ReasonCode { get; set; }

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
