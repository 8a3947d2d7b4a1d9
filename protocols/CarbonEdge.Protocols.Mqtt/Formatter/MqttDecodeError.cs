using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>Why a received packet was rejected. <see cref="MqttDecodeErrors.ToDisconnectReason"/> gives the MQTT 5 reason code to close with.</summary>
/// <remarks>MQTT 3.1.1 §4.8 (protocol violations close the connection); MQTT 5.0 §4.13 (Malformed Packet, Protocol Error).</remarks>
public enum MqttDecodeError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>Remaining Length uses more than four bytes (MQTT 3.1.1 §2.2.3, MQTT 5.0 §1.5.5).</summary>
    MalformedRemainingLength,

    /// <summary>The packet is larger than the receiver's Maximum Packet Size (MQTT 5.0 §3.1.2.11.4).</summary>
    PacketTooLarge,

    /// <summary>Packet type 0 (reserved), or AUTH (15) on MQTT 3.1.1.</summary>
    ReservedPacketType,

    /// <summary>Fixed header flags differ from the ones the packet type requires (MQTT 3.1.1 §2.2.2, MQTT 5.0 §2.1.3).</summary>
    InvalidFixedHeaderFlags,

    /// <summary>A field runs past the Remaining Length, or a fixed-size packet has the wrong length.</summary>
    Truncated,

    /// <summary>Bytes remain after the last field of a packet whose layout is fixed.</summary>
    UnexpectedTrailingBytes,

    /// <summary>A UTF-8 string is ill-formed or contains U+0000 (MQTT 3.1.1 §1.5.3, MQTT 5.0 §1.5.4).</summary>
    InvalidUtf8,

    /// <summary>CONNECT protocol name is not "MQTT" or the level is not the expected one.</summary>
    UnsupportedProtocol,

    /// <summary>QoS 3, or reserved flag combinations in CONNECT (MQTT 3.1.1 §3.1.2.3 - §3.1.2.9).</summary>
    InvalidFlags,

    /// <summary>A PUBLISH topic name is empty (without alias) or contains <c>+</c> or <c>#</c> (MQTT 3.1.1 §3.3.2.1).</summary>
    InvalidTopicName,

    /// <summary>A packet identifier is 0 where one is required (MQTT 3.1.1 §2.3.1).</summary>
    MissingPacketIdentifier,

    /// <summary>SUBSCRIBE, UNSUBSCRIBE or SUBACK without a single entry (MQTT 3.1.1 §3.8.3, §3.10.3).</summary>
    EmptyPayload,

    /// <summary>A return or reason code that the packet type does not define.</summary>
    InvalidReasonCode,

    /// <summary>Reserved bits of subscription options set, or retain handling 3 (MQTT 5.0 §3.8.3.1).</summary>
    InvalidSubscriptionOptions,

    /// <summary>An MQTT 5 property identifier unknown or not allowed in this packet (MQTT 5.0 §2.2.2.2).</summary>
    InvalidProperty,

    /// <summary>An MQTT 5 property that may appear once appears twice (MQTT 5.0 §2.2.2.2).</summary>
    DuplicateProperty,

    /// <summary>An MQTT 5 property value out of its range (e.g. Receive Maximum 0, Maximum QoS 2).</summary>
    InvalidPropertyValue,
}

/// <summary>Maps decode errors to the reason code a DISCONNECT carries.</summary>
public static class MqttDecodeErrors
{
    /// <summary>The MQTT 5 reason code to close the connection with for <paramref name="error"/>.</summary>
    /// <remarks>MQTT 5.0 §4.13.1: malformed packets close with 0x81, protocol errors with 0x82.</remarks>
    public static MqttDisconnectReasonCode ToDisconnectReason(this MqttDecodeError error) => error switch
    {
        MqttDecodeError.PacketTooLarge => MqttDisconnectReasonCode.PacketTooLarge,
        MqttDecodeError.MissingPacketIdentifier or MqttDecodeError.EmptyPayload or MqttDecodeError.DuplicateProperty
            or MqttDecodeError.InvalidPropertyValue or MqttDecodeError.InvalidTopicName or MqttDecodeError.UnsupportedProtocol
            => MqttDisconnectReasonCode.ProtocolError,
        _ => MqttDisconnectReasonCode.MalformedPacket,
    };
}
