namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>SUBACK: one reason code per topic filter of the SUBSCRIBE, in order.</summary>
/// <remarks>MQTT 3.1.1 §3.9; MQTT 5.0 §3.9.</remarks>
public sealed class MqttSubAckPacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.SubAck;

    /// <summary>Granted QoS or failure, one per filter.</summary>
    public IReadOnlyList<MqttSubscribeReasonCode> ReasonCodes { get; set; } = [];

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
