namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>SUBSCRIBE: one or more topic filters with their options.</summary>
/// <remarks>MQTT 3.1.1 §3.8; MQTT 5.0 §3.8.</remarks>
public sealed class MqttSubscribePacket : MqttPacketWithIdentifier
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.Subscribe;

    /// <summary>At least one topic filter.</summary>
    public IReadOnlyList<MqttTopicFilter> Filters { get; set; } = [];

    /// <summary>MQTT 5: subscription identifier 1..268,435,455 given to messages this subscription matches (0x0B); 0 for none.</summary>
    public uint SubscriptionIdentifier { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
