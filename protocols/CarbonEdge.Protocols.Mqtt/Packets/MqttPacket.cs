namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>
/// An MQTT control packet as plain data. The wire layout belongs to the formatters
/// (<see cref="Formatter.MqttPacketFormatter"/>); fields only MQTT 5 defines are ignored by the 3.1.1 formatter.
/// </summary>
/// <remarks>MQTT 3.1.1 §2; MQTT 5.0 §2.</remarks>
public abstract class MqttPacket
{
    /// <summary>The control packet type.</summary>
    public abstract MqttControlPacketType Type { get; }
}

/// <summary>A packet that carries a packet identifier (1..65535).</summary>
/// <remarks>MQTT 3.1.1 §2.3.1; MQTT 5.0 §2.2.1.</remarks>
public abstract class MqttPacketWithIdentifier : MqttPacket
{
    /// <summary>Packet identifier, 1..65535 (0 only for a QoS 0 PUBLISH, which has none).</summary>
    public ushort PacketIdentifier { get; set; }
}
