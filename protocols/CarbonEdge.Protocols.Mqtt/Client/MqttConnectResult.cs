using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>An accepted connection.</summary>
/// <param name="SessionPresent">The broker resumed a stored session (MQTT 3.1.1 §3.2.2.2): subscriptions and queued messages are there.</param>
/// <param name="ConnAck">The whole CONNACK (MQTT 5: the broker's limits and assigned client identifier).</param>
public sealed record MqttConnectResult(bool SessionPresent, MqttConnAckPacket ConnAck);
