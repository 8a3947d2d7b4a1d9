namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>PUBREL: releases a QoS 2 PUBLISH after PUBREC.</summary>
/// <remarks>MQTT 3.1.1 §3.6; MQTT 5.0 §3.6 (reason code and properties are MQTT 5 only).</remarks>
public sealed class MqttPubRelPacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.PubRel;

    /// <summary>MQTT 5 reason code (0x00 on MQTT 3.1.1).</summary>
    public MqttPubRelReasonCode ReasonCode { get; set; }

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
