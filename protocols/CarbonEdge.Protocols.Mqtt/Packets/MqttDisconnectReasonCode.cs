namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>Reason code of an MQTT 5 DISCONNECT (sent by either side).</summary>
/// <remarks>MQTT 5.0 §3.14.2.1 Table 3-10. An MQTT 3.1.1 DISCONNECT has no reason code (it means normal disconnection).</remarks>
public enum MqttDisconnectReasonCode : byte
{
    /// <summary>0x00: close normally; the Will is not published.</summary>
    NormalDisconnection = 0x00,
    /// <summary>0x04: close and publish the Will (client only).</summary>
    DisconnectWithWillMessage = 0x04,
    /// <summary>0x80: unspecified error.</summary>
    UnspecifiedError = 0x80,
    /// <summary>0x81: a received packet could not be parsed.</summary>
    MalformedPacket = 0x81,
    /// <summary>0x82: a received packet violated the protocol.</summary>
    ProtocolError = 0x82,
    /// <summary>0x83: implementation specific error.</summary>
    ImplementationSpecificError = 0x83,
    /// <summary>0x87: not authorized.</summary>
    NotAuthorized = 0x87,
    /// <summary>0x89: server busy.</summary>
    ServerBusy = 0x89,
    /// <summary>0x8B: server shutting down.</summary>
    ServerShuttingDown = 0x8B,
    /// <summary>0x8D: no packet within 1.5 x keep-alive.</summary>
    KeepAliveTimeout = 0x8D,
    /// <summary>0x8E: another connection with the same client identifier took the session over.</summary>
    SessionTakenOver = 0x8E,
    /// <summary>0x8F: topic filter not accepted.</summary>
    TopicFilterInvalid = 0x8F,
    /// <summary>0x90: topic name not accepted.</summary>
    TopicNameInvalid = 0x90,
    /// <summary>0x93: more QoS &gt; 0 publishes in flight than Receive Maximum.</summary>
    ReceiveMaximumExceeded = 0x93,
    /// <summary>0x94: invalid topic alias.</summary>
    TopicAliasInvalid = 0x94,
    /// <summary>0x95: packet larger than Maximum Packet Size.</summary>
    PacketTooLarge = 0x95,
    /// <summary>0x96: message rate too high.</summary>
    MessageRateTooHigh = 0x96,
    /// <summary>0x97: quota exceeded.</summary>
    QuotaExceeded = 0x97,
    /// <summary>0x98: administrative action.</summary>
    AdministrativeAction = 0x98,
    /// <summary>0x99: payload format invalid.</summary>
    PayloadFormatInvalid = 0x99,
    /// <summary>0x9A: retain not supported.</summary>
    RetainNotSupported = 0x9A,
    /// <summary>0x9B: QoS not supported.</summary>
    QoSNotSupported = 0x9B,
    /// <summary>0x9C: use another server (temporarily).</summary>
    UseAnotherServer = 0x9C,
    /// <summary>0x9D: server moved (permanently).</summary>
    ServerMoved = 0x9D,
    /// <summary>0x9E: shared subscriptions not supported.</summary>
    SharedSubscriptionsNotSupported = 0x9E,
    /// <summary>0x9F: connection rate exceeded.</summary>
    ConnectionRateExceeded = 0x9F,
    /// <summary>0xA0: maximum connect time reached.</summary>
    MaximumConnectTime = 0xA0,
    /// <summary>0xA1: subscription identifiers not supported.</summary>
    SubscriptionIdentifiersNotSupported = 0xA1,
    /// <summary>0xA2: wildcard subscriptions not supported.</summary>
    WildcardSubscriptionsNotSupported = 0xA2,
}
