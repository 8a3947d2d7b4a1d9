namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>MQTT control packet type: the high nibble of the fixed header's first byte.</summary>
/// <remarks>MQTT 3.1.1 §2.2.1 Table 2.1; MQTT 5.0 §2.1.2 Table 2-1 (AUTH is MQTT 5 only).</remarks>
public enum MqttControlPacketType : byte
{
    /// <summary>Client request to connect.</summary>
    Connect = 1,
    /// <summary>Connect acknowledgement.</summary>
    ConnAck = 2,
    /// <summary>Publish message.</summary>
    Publish = 3,
    /// <summary>Publish acknowledgement (QoS 1).</summary>
    PubAck = 4,
    /// <summary>Publish received (QoS 2 part 1).</summary>
    PubRec = 5,
    /// <summary>Publish release (QoS 2 part 2).</summary>
    PubRel = 6,
    /// <summary>Publish complete (QoS 2 part 3).</summary>
    PubComp = 7,
    /// <summary>Subscribe request.</summary>
    Subscribe = 8,
    /// <summary>Subscribe acknowledgement.</summary>
    SubAck = 9,
    /// <summary>Unsubscribe request.</summary>
    Unsubscribe = 10,
    /// <summary>Unsubscribe acknowledgement.</summary>
    UnsubAck = 11,
    /// <summary>Ping request.</summary>
    PingReq = 12,
    /// <summary>Ping response.</summary>
    PingResp = 13,
    /// <summary>Disconnect notification.</summary>
    Disconnect = 14,
    /// <summary>Authentication exchange (MQTT 5 only).</summary>
    Auth = 15,
}
