namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>PINGRESP: the server's answer to PINGREQ (no variable header, no payload).</summary>
/// <remarks>MQTT 3.1.1 §3.13; MQTT 5.0 §3.13.</remarks>
public sealed class MqttPingRespPacket : MqttPacket
{
    /// <summary>The one instance (the packet has no fields).</summary>
    public static readonly MqttPingRespPacket Instance = new();

    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.PingResp;
}
