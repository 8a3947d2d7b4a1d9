using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// The broker's answer to a publish: for QoS 1 the PUBACK, for QoS 2 the PUBREC (its reason) once PUBCOMP closed the
/// exchange; for QoS 0 nothing (the message was handed to the connection).
/// </summary>
/// <param name="PacketIdentifier">Packet identifier used (0 for QoS 0).</param>
/// <param name="ReasonCode">MQTT 5 reason code below 0x80 (<see cref="MqttPubAckReasonCode.Success"/> on MQTT 3.1.1).</param>
/// <param name="ReasonString">MQTT 5 reason string, if any.</param>
public readonly record struct MqttPublishResult(ushort PacketIdentifier, MqttPubAckReasonCode ReasonCode, string? ReasonString = null);
