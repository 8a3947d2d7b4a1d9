namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>Result of one topic filter of an UNSUBSCRIBE, as carried by an MQTT 5 UNSUBACK.</summary>
/// <remarks>MQTT 5.0 §3.11.3 Table 3-9. MQTT 3.1.1 UNSUBACK carries no codes.</remarks>
public enum MqttUnsubscribeReasonCode : byte
{
    /// <summary>0x00: subscription deleted.</summary>
    Success = 0x00,
    /// <summary>0x11: there was no such subscription.</summary>
    NoSubscriptionExisted = 0x11,
    /// <summary>0x80: not unsubscribed, reason not revealed.</summary>
    UnspecifiedError = 0x80,
    /// <summary>0x83: valid UNSUBSCRIBE, not accepted.</summary>
    ImplementationSpecificError = 0x83,
    /// <summary>0x87: not authorized to unsubscribe.</summary>
    NotAuthorized = 0x87,
    /// <summary>0x8F: topic filter well-formed but not accepted.</summary>
    TopicFilterInvalid = 0x8F,
    /// <summary>0x91: packet identifier already in use.</summary>
    PacketIdentifierInUse = 0x91,
}
