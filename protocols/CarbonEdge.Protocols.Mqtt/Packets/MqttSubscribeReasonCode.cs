namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>
/// Result of one topic filter of a SUBSCRIBE, as carried by SUBACK. The MQTT 3.1.1 return codes 0, 1, 2 and 0x80
/// have the same values.
/// </summary>
/// <remarks>MQTT 5.0 §3.9.3 Table 3-8; MQTT 3.1.1 §3.9.3.</remarks>
public enum MqttSubscribeReasonCode : byte
{
    /// <summary>0x00: subscribed, maximum QoS 0.</summary>
    GrantedQoS0 = 0x00,
    /// <summary>0x01: subscribed, maximum QoS 1.</summary>
    GrantedQoS1 = 0x01,
    /// <summary>0x02: subscribed, maximum QoS 2.</summary>
    GrantedQoS2 = 0x02,
    /// <summary>0x80: not subscribed (MQTT 3.1.1 "Failure").</summary>
    UnspecifiedError = 0x80,
    /// <summary>0x83: valid SUBSCRIBE, not accepted.</summary>
    ImplementationSpecificError = 0x83,
    /// <summary>0x87: not authorized to subscribe.</summary>
    NotAuthorized = 0x87,
    /// <summary>0x8F: topic filter well-formed but not accepted.</summary>
    TopicFilterInvalid = 0x8F,
    /// <summary>0x91: packet identifier already in use.</summary>
    PacketIdentifierInUse = 0x91,
    /// <summary>0x97: quota exceeded.</summary>
    QuotaExceeded = 0x97,
    /// <summary>0x9E: shared subscriptions not supported.</summary>
    SharedSubscriptionsNotSupported = 0x9E,
    /// <summary>0xA1: subscription identifiers not supported.</summary>
    SubscriptionIdentifiersNotSupported = 0xA1,
    /// <summary>0xA2: wildcard subscriptions not supported.</summary>
    WildcardSubscriptionsNotSupported = 0xA2,
}
