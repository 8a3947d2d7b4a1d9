namespace CarbonEdge.Protocols.Mqtt;

/// <summary>The MQTT protocol level sent in CONNECT.</summary>
/// <remarks>MQTT 3.1.1 §3.1.2.2 (level 4); MQTT 5.0 §3.1.2.2 (level 5).</remarks>
public enum MqttProtocolVersion : byte
{
    /// <summary>MQTT 3.1.1 (OASIS Standard, 29 October 2014), protocol level 4.</summary>
    V311 = 4,

    /// <summary>MQTT 5.0 (OASIS Standard, 7 March 2019), protocol level 5.</summary>
    V500 = 5,
}
