namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>DISCONNECT: clean end of the connection (MQTT 5: from either side, with a reason code).</summary>
/// <remarks>MQTT 3.1.1 §3.14; MQTT 5.0 §3.14.</remarks>
public sealed class MqttDisconnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.Disconnect;

    /// <summary>MQTT 5 reason code (normal disconnection on MQTT 3.1.1).</summary>
    public MqttDisconnectReasonCode ReasonCode { get; set; }

    /// <summary>MQTT 5: new session expiry, client to server only (0x11).</summary>
    public uint? SessionExpiryInterval { get; set; }

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: another server to use (0x1C).</summary>
    public string? ServerReference { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
