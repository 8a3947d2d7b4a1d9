namespace CarbonEdge.Protocols.Mqtt;

/// <summary>MQTT 5 Payload Format Indicator (property 0x01).</summary>
/// <remarks>MQTT 5.0 §3.3.2.3.2.</remarks>
public enum MqttPayloadFormatIndicator : byte
{
    /// <summary>Unspecified bytes (also what MQTT 3.1.1 always means).</summary>
    Unspecified = 0,

    /// <summary>UTF-8 encoded character data.</summary>
    CharacterData = 1,
}
