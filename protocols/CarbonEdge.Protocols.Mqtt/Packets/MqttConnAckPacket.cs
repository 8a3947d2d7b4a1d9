namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>CONNACK: the server's answer to CONNECT.</summary>
/// <remarks>MQTT 3.1.1 §3.2; MQTT 5.0 §3.2 (properties §3.2.2.3).</remarks>
public sealed class MqttConnAckPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.ConnAck;

    /// <summary>The server still held a session for this client identifier (acknowledge flags bit 0).</summary>
    public bool SessionPresent { get; set; }

    /// <summary>Accepted or the reason of refusal (3.1.1 return codes mapped, see <see cref="MqttConnectReasonCode"/>).</summary>
    public MqttConnectReasonCode ReasonCode { get; set; }

    /// <summary>MQTT 5: session expiry the server chose (0x11).</summary>
    public uint? SessionExpiryInterval { get; set; }

    /// <summary>MQTT 5: QoS &gt; 0 publishes the server accepts in flight (0x21); null means 65,535.</summary>
    public ushort? ReceiveMaximum { get; set; }

    /// <summary>MQTT 5: highest QoS the server supports (0x24); null means 2.</summary>
    public MqttQualityOfServiceLevel? MaximumQoS { get; set; }

    /// <summary>MQTT 5: whether retained messages are supported (0x25); null means yes.</summary>
    public bool? RetainAvailable { get; set; }

    /// <summary>MQTT 5: largest packet the server accepts (0x27).</summary>
    public uint? MaximumPacketSize { get; set; }

    /// <summary>MQTT 5: client identifier the server assigned (0x12).</summary>
    public string? AssignedClientIdentifier { get; set; }

    /// <summary>MQTT 5: highest topic alias the server accepts (0x22); 0 means none.</summary>
    public ushort TopicAliasMaximum { get; set; }

    /// <summary>MQTT 5: human-readable diagnostic (0x1F).</summary>
    public string? ReasonString { get; set; }

    /// <summary>MQTT 5: wildcard subscriptions supported (0x28); null means yes.</summary>
    public bool? WildcardSubscriptionAvailable { get; set; }

    /// <summary>MQTT 5: subscription identifiers supported (0x29); null means yes.</summary>
    public bool? SubscriptionIdentifiersAvailable { get; set; }

    /// <summary>MQTT 5: shared subscriptions supported (0x2A); null means yes.</summary>
    public bool? SharedSubscriptionAvailable { get; set; }

    /// <summary>MQTT 5: keep-alive in seconds the server imposes (0x13).</summary>
    public ushort? ServerKeepAlive { get; set; }

    /// <summary>MQTT 5: response information (0x1A).</summary>
    public string? ResponseInformation { get; set; }

    /// <summary>MQTT 5: another server to use (0x1C).</summary>
    public string? ServerReference { get; set; }

    /// <summary>MQTT 5: authentication method (0x15).</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>MQTT 5: authentication data (0x16).</summary>
    public byte[]? AuthenticationData { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
