namespace CarbonEdge.Protocols.Mqtt;

/// <summary>
/// An application message: what a client publishes and what a subscriber receives (also the Last Will).
/// The MQTT 5 properties are ignored on an MQTT 3.1.1 connection.
/// </summary>
/// <remarks>MQTT 3.1.1 §3.3 (PUBLISH); MQTT 5.0 §3.3 and §3.3.2.3 (PUBLISH properties).</remarks>
/// <param name="Topic">Topic name: UTF-8, 1..65535 bytes, no wildcards (<c>+</c>, <c>#</c>).</param>
/// <param name="Payload">Application payload, 0..268,435,455 bytes minus headers.</param>
public sealed record MqttApplicationMessage(string Topic, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Delivery guarantee (default QoS 0).</summary>
    public MqttQualityOfServiceLevel QualityOfService { get; init; }

    /// <summary>The broker keeps this message as the topic's retained message (MQTT 3.1.1 §3.3.1.3).</summary>
    public bool Retain { get; init; }

    /// <summary>MQTT 5: MIME type of the payload (property 0x03).</summary>
    public string? ContentType { get; init; }

    /// <summary>MQTT 5: topic for a response (property 0x08).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>MQTT 5: correlation data of a request/response (property 0x09).</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>MQTT 5: lifetime in seconds after which the broker discards the message (property 0x02).</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>MQTT 5: whether the payload is UTF-8 text (property 0x01).</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; init; }

    /// <summary>MQTT 5: user properties in order (property 0x26).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>MQTT 5, received messages only: identifiers of the subscriptions that matched (property 0x0B).</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];
}
