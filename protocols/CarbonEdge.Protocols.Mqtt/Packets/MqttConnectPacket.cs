namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>CONNECT: the first packet a client sends on a network connection.</summary>
/// <remarks>MQTT 3.1.1 §3.1; MQTT 5.0 §3.1.</remarks>
public sealed class MqttConnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttControlPacketType Type => MqttControlPacketType.Connect;

    /// <summary>Protocol level written in the variable header.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>Client identifier (UTF-8, may be empty to ask the server to assign one).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>3.1.1 Clean Session / 5.0 Clean Start flag (connect flags bit 1).</summary>
    public bool CleanSession { get; set; } = true;

    /// <summary>Keep-alive in seconds (0 disables it).</summary>
    public ushort KeepAliveSeconds { get; set; }

    /// <summary>User name, or null when the flag is clear.</summary>
    public string? Username { get; set; }

    /// <summary>Password bytes, or null when the flag is clear.</summary>
    public byte[]? Password { get; set; }

    /// <summary>Last Will, or null when the Will flag is clear.</summary>
    public MqttApplicationMessage? Will { get; set; }

    /// <summary>MQTT 5: seconds the server waits after the connection ends before publishing the Will (will property 0x18).</summary>
    public uint WillDelayInterval { get; set; }

    /// <summary>MQTT 5: seconds the session outlives the connection (0x11); 0 ends it with the connection.</summary>
    public uint SessionExpiryInterval { get; set; }

    /// <summary>MQTT 5: QoS &gt; 0 publishes the client accepts in flight (0x21); null means 65,535.</summary>
    public ushort? ReceiveMaximum { get; set; }

    /// <summary>MQTT 5: largest packet the client accepts (0x27); null means no limit beyond the protocol's.</summary>
    public uint? MaximumPacketSize { get; set; }

    /// <summary>MQTT 5: highest topic alias the client accepts from the server (0x22); 0 means none.</summary>
    public ushort TopicAliasMaximum { get; set; }

    /// <summary>MQTT 5: ask the server for response information in CONNACK (0x19).</summary>
    public bool RequestResponseInformation { get; set; }

    /// <summary>MQTT 5: whether the server may send reason strings and user properties on failures (0x17); default true.</summary>
    public bool RequestProblemInformation { get; set; } = true;

    /// <summary>MQTT 5: extended authentication method (0x15).</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>MQTT 5: extended authentication data (0x16).</summary>
    public byte[]? AuthenticationData { get; set; }

    /// <summary>MQTT 5: user properties (0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];
}
