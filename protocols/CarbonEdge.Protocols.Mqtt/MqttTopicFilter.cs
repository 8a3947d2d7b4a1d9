namespace CarbonEdge.Protocols.Mqtt;

/// <summary>What to do with retained messages when a subscription is made (MQTT 5 subscription option bits 4-5).</summary>
/// <remarks>MQTT 5.0 §3.8.3.1.</remarks>
public enum MqttRetainHandling : byte
{
    /// <summary>0: send retained messages at the time of the subscribe.</summary>
    SendAtSubscribe = 0,
    /// <summary>1: send them only if the subscription did not exist before.</summary>
    SendAtSubscribeIfNew = 1,
    /// <summary>2: do not send retained messages.</summary>
    DoNotSend = 2,
}

/// <summary>One entry of a SUBSCRIBE: a topic filter and its subscription options.</summary>
/// <remarks>MQTT 3.1.1 §3.8.3 (filter + requested QoS); MQTT 5.0 §3.8.3.1 (subscription options).</remarks>
/// <param name="Filter">Topic filter, may hold <c>+</c> and <c>#</c>, or <c>$share/{group}/{filter}</c>.</param>
/// <param name="QualityOfService">Maximum QoS requested.</param>
public sealed record MqttTopicFilter(string Filter, MqttQualityOfServiceLevel QualityOfService = MqttQualityOfServiceLevel.AtMostOnce)
{
    /// <summary>MQTT 5: do not deliver messages this client published itself (bit 2).</summary>
    public bool NoLocal { get; init; }

    /// <summary>MQTT 5: keep the RETAIN flag as published instead of clearing it on forwarded messages (bit 3).</summary>
    public bool RetainAsPublished { get; init; }

    /// <summary>MQTT 5: retained message handling (bits 4-5).</summary>
    public MqttRetainHandling RetainHandling { get; init; }
}
