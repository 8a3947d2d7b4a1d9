namespace CarbonEdge.Protocols.Mqtt;

/// <summary>Delivery guarantee of one PUBLISH.</summary>
/// <remarks>MQTT 3.1.1 §4.3; MQTT 5.0 §4.3.</remarks>
public enum MqttQualityOfServiceLevel : byte
{
    /// <summary>QoS 0: fire and forget, no acknowledgement.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged by PUBACK; may arrive more than once.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: four-step PUBLISH/PUBREC/PUBREL/PUBCOMP handshake; arrives exactly once.</summary>
    ExactlyOnce = 2,
}
