using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt;

/// <summary>Base of every error this library raises.</summary>
public class MqttException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public MqttException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public MqttException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// The network connection failed or was closed (TCP connect refused, reset, TLS failure, broker closed the socket,
/// keep-alive timeout). Socket and I/O exceptions are wrapped in this one at the channel boundary.
/// </summary>
public sealed class MqttCommunicationException : MqttException
{
    /// <summary>Creates an exception with a message and its cause.</summary>
    public MqttCommunicationException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The peer sent a malformed packet or violated the protocol; the connection is closed.</summary>
/// <remarks>MQTT 3.1.1 §4.8; MQTT 5.0 §4.13.</remarks>
public sealed class MqttProtocolException : MqttException
{
    /// <summary>Creates an exception for a decode error.</summary>
    public MqttProtocolException(MqttDecodeError error)
        : base($"Malformed packet from the broker: {error}.")
    {
        DecodeError = error;
        ReasonCode = error.ToDisconnectReason();
    }

    /// <summary>Creates an exception for a protocol violation.</summary>
    public MqttProtocolException(string message, MqttDisconnectReasonCode reasonCode = MqttDisconnectReasonCode.ProtocolError)
        : base(message) => ReasonCode = reasonCode;

    /// <summary>The decode error, when the packet could not be parsed.</summary>
    public MqttDecodeError DecodeError { get; }

    /// <summary>The MQTT 5 reason code the connection is closed with (0x81 malformed, 0x82 protocol error, ...).</summary>
    public MqttDisconnectReasonCode ReasonCode { get; }
}

/// <summary>The broker refused the CONNECT; <see cref="ReasonCode"/> says why.</summary>
/// <remarks>MQTT 3.1.1 §3.2.2.3; MQTT 5.0 §3.2.2.2.</remarks>
public sealed class MqttConnectException : MqttException
{
    /// <summary>Creates an exception for a refused connection.</summary>
    public MqttConnectException(MqttConnectReasonCode reasonCode, string? reasonString = null)
        : base($"The broker refused the connection: {reasonCode} (0x{(byte)reasonCode:X2}){(reasonString is null ? "" : ": " + reasonString)}.")
    {
        ReasonCode = reasonCode;
        ReasonString = reasonString;
    }

    /// <summary>The reason code (MQTT 3.1.1 return codes mapped to their MQTT 5 equivalents).</summary>
    public MqttConnectReasonCode ReasonCode { get; }

    /// <summary>MQTT 5 reason string, if the broker sent one.</summary>
    public string? ReasonString { get; }
}

/// <summary>An MQTT 5 broker answered a QoS 1 or 2 PUBLISH with a failure reason code (e.g. 0x87 not authorized).</summary>
/// <remarks>MQTT 5.0 §3.4.2.1, §3.5.2.1. MQTT 3.1.1 has no such answer: a denied publish is acknowledged and dropped.</remarks>
public sealed class MqttPublishException : MqttException
{
    /// <summary>Creates an exception for a refused publish.</summary>
    public MqttPublishException(string topic, MqttPubAckReasonCode reasonCode, string? reasonString)
        : base($"The broker refused the publish on '{topic}': {reasonCode} (0x{(byte)reasonCode:X2}){(reasonString is null ? "" : ": " + reasonString)}.")
    {
        ReasonCode = reasonCode;
        ReasonString = reasonString;
    }

    /// <summary>The failure reason code (0x80 and above).</summary>
    public MqttPubAckReasonCode ReasonCode { get; }

    /// <summary>MQTT 5 reason string, if the broker sent one.</summary>
    public string? ReasonString { get; }
}

/// <summary>An operation needs a session: call <c>ConnectAsync</c> first (or again after <c>DisconnectAsync</c>).</summary>
public sealed class MqttNotConnectedException : MqttException
{
    /// <summary>Creates the exception.</summary>
    public MqttNotConnectedException()
        : base("The MQTT client is not connected: call ConnectAsync first (publishes made while an automatic reconnect is under way wait for it).") { }
}
