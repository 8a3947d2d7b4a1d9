namespace CarbonEdge.Protocols.Mqtt;

/// <summary>An MQTT 5 user property: a UTF-8 string pair; names may repeat and order is kept.</summary>
/// <remarks>MQTT 5.0 §3.3.2.3.7 (property 0x26) and §1.5.7 (UTF-8 String Pair).</remarks>
/// <param name="Name">Property name.</param>
/// <param name="Value">Property value.</param>
public readonly record struct MqttUserProperty(string Name, string Value);
