namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>UNSUBSCRIBE: one or more topic filters to remove.</summary>
/// <remarks>MQTT 3.1.1 §3.10; MQTT 5.0 §3.10.</remarks>
public sealed class MqttUnsubscribePacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.Unsubscribe;

    /// <summary>At least one topic filter, as subscribed.</summary>
    public IReadOnlyList<string> Filters { get; set; } = [];

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
