namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>UNSUBACK: acknowledges an UNSUBSCRIBE (MQTT 5 adds one reason code per filter).</summary>
/// <remarks>MQTT 3.1.1 §3.11; MQTT 5.0 §3.11.</remarks>
public sealed class MqttUnsubAckPacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.UnsubAck;

    /// <summary>MQTT 5: one code per filter; empty on MQTT 3.1.1.</summary>
    public IReadOnlyList<MqttUnsubscribeReasonCode> ReasonCodes { get; set; } = [];

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
