namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>AUTH: a step of MQTT 5 extended authentication.</summary>
/// <remarks>MQTT 5.0 §3.15 (not part of MQTT 3.1.1).</remarks>
public sealed class MqttAuthPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.Auth;

    /// <summary>Reason code.</summary>
    public MqttAuthReasonCode ReasonCode { get; set; }

    /// <summary>Authentication method (0x15).</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>Authentication data (0x16).</summary>
    public byte[]? AuthenticationData { get; set; }

    /// <summary>Human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>User properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
