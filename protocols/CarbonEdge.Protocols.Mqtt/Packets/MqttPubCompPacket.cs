namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>PUBCOMP: completes a QoS 2 exchange.</summary>
/// <remarks>MQTT 3.1.1 §3.7; MQTT 5.0 §3.7 (reason code and properties are MQTT 5 only).</remarks>
public sealed class MqttPubCompPacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.PubComp;

    /// <summary>MQTT 5 reason code (0x00 on MQTT 3.1.1).</summary>
    public MqttPubRelReasonCode ReasonCode { get; set; }

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
