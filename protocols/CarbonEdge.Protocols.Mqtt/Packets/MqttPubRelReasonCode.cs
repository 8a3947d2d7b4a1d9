namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>Reason code of PUBREL and PUBCOMP (MQTT 5; MQTT 3.1.1 always means <see cref="Success"/>).</summary>
/// <remarks>MQTT 5.0 §3.6.2.1 Table 3-6 and §3.7.2.1 Table 3-7.</remarks>
public enum MqttPubRelReasonCode : byte
{
    /// <summary>0x00: message released / complete.</summary>
    Success = 0x00,
    /// <summary>0x92: the packet identifier is not known (e.g. a session was lost).</summary>
    PacketIdentifierNotFound = 0x92,
}
