namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>
/// Result of a CONNECT, as carried by CONNACK. MQTT 5 values; an MQTT 3.1.1 return code (1..5) is mapped to the
/// MQTT 5 code of the same meaning (1 -> 0x84, 2 -> 0x85, 3 -> 0x88, 4 -> 0x86, 5 -> 0x87).
/// </summary>
/// <remarks>MQTT 5.0 §3.2.2.2 Table 3-1; MQTT 3.1.1 §3.2.2.3 Table 3.1.</remarks>
public enum MqttConnectReasonCode : byte
{
    /// <summary>0x00: connection accepted.</summary>
    Success = 0x00,
    /// <summary>0x80: the server does not wish to reveal the reason.</summary>
    UnspecifiedError = 0x80,
    /// <summary>0x81: the CONNECT could not be parsed.</summary>
    MalformedPacket = 0x81,
    /// <summary>0x82: the CONNECT violates the protocol.</summary>
    ProtocolError = 0x82,
    /// <summary>0x83: valid CONNECT, not accepted by this server.</summary>
    ImplementationSpecificError = 0x83,
    /// <summary>0x84 (3.1.1 code 1): unacceptable protocol version.</summary>
    UnsupportedProtocolVersion = 0x84,
    /// <summary>0x85 (3.1.1 code 2): client identifier rejected.</summary>
    ClientIdentifierNotValid = 0x85,
    /// <summary>0x86 (3.1.1 code 4): bad user name or password.</summary>
    BadUserNameOrPassword = 0x86,
    /// <summary>0x87 (3.1.1 code 5): not authorized.</summary>
    NotAuthorized = 0x87,
    /// <summary>0x88 (3.1.1 code 3): server unavailable.</summary>
    ServerUnavailable = 0x88,
    /// <summary>0x89: server busy, try later.</summary>
    ServerBusy = 0x89,
    /// <summary>0x8A: client banned by administrative action.</summary>
    Banned = 0x8A,
    /// <summary>0x8C: authentication method not supported.</summary>
    BadAuthenticationMethod = 0x8C,
    /// <summary>0x90: Will topic name malformed or not accepted.</summary>
    TopicNameInvalid = 0x90,
    /// <summary>0x95: CONNECT larger than the server accepts.</summary>
    PacketTooLarge = 0x95,
    /// <summary>0x97: an implementation or administrative limit was exceeded.</summary>
    QuotaExceeded = 0x97,
    /// <summary>0x99: Will payload does not match its format indicator.</summary>
    PayloadFormatInvalid = 0x99,
    /// <summary>0x9A: Will retain requested but retain not supported.</summary>
    RetainNotSupported = 0x9A,
    /// <summary>0x9B: Will QoS not supported.</summary>
    QoSNotSupported = 0x9B,
    /// <summary>0x9C: use another server (temporarily).</summary>
    UseAnotherServer = 0x9C,
    /// <summary>0x9D: server moved (permanently).</summary>
    ServerMoved = 0x9D,
    /// <summary>0x9F: connection rate limit exceeded.</summary>
    ConnectionRateExceeded = 0x9F,
}
