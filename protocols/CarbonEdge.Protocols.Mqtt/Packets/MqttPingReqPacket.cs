namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>PINGREQ: keep-alive probe from the client (no variable header, no payload).</summary>
/// <remarks>MQTT 3.1.1 §3.12; MQTT 5.0 §3.12.</remarks>
public sealed class MqttPingReqPacket : MqttPacket
{
    /// <summary>The one instance (the packet has no fields).</summary>
    public static readonly MqttPingReqPacket Instance = new();

    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.PingReq;
}
