namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>Reason code of PUBACK and PUBREC (MQTT 5; MQTT 3.1.1 always means <see cref="Success"/>).</summary>
/// <remarks>MQTT 5.0 §3.4.2.1 Table 3-4 and §3.5.2.1 Table 3-5.</remarks>
public enum MqttPubAckReasonCode : byte
{
    /// <summary>0x00: accepted, publication proceeds.</summary>
    Success = 0x00,
    /// <summary>0x10: accepted, but nobody is subscribed.</summary>
    NoMatchingSubscribers = 0x10,
    /// <summary>0x80: not accepted, reason not revealed.</summary>
    UnspecifiedError = 0x80,
    /// <summary>0x83: valid PUBLISH, not accepted by this receiver.</summary>
    ImplementationSpecificError = 0x83,
    /// <summary>0x87: not authorized to publish on this topic (ACL).</summary>
    NotAuthorized = 0x87,
    /// <summary>0x90: topic name well-formed but not accepted.</summary>
    TopicNameInvalid = 0x90,
    /// <summary>0x91: packet identifier already in use.</summary>
    PacketIdentifierInUse = 0x91,
    /// <summary>0x97: quota exceeded.</summary>
    QuotaExceeded = 0x97,
    /// <summary>0x99: payload does not match the payload format indicator.</summary>
    PayloadFormatInvalid = 0x99,
}
