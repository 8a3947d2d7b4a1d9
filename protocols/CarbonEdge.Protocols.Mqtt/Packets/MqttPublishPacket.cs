namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>PUBLISH: an application message in either direction.</summary>
/// <remarks>MQTT 3.1.1 §3.3; MQTT 5.0 §3.3. QoS, retain and the message's MQTT 5 properties live in <see cref="Message"/>.</remarks>
public sealed class MqttPublishPacket : MqttPacketWithIdentifier
{
    /// <summary>Creates a PUBLISH carrying <paramref name="message"/>.</summary>
    public MqttPublishPacket(MqttApplicationMessage message) => Message = message;

    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.Publish;

    /// <summary>Topic, payload, QoS, retain and MQTT 5 properties.</summary>
    public MqttApplicationMessage Message { get; set; }

    /// <summary>DUP flag: this may be a re-delivery of an earlier attempt (fixed header bit 3, QoS &gt; 0 only).</summary>
    public bool Dup { get; set; }

    /// <summary>MQTT 5: topic alias (0x23); 0 when none. With an alias the topic name on the wire may be empty.</summary>
    public ushort TopicAlias { get; set; }
}
