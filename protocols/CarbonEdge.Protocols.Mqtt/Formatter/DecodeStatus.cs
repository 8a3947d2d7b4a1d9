namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>Outcome of a span decoder.</summary>
public enum DecodeStatus
{
    /// <summary>A whole packet was decoded; <c>consumed</c> bytes belong to it.</summary>
    Complete,

    /// <summary>The input is a valid prefix; nothing was consumed. Read more bytes and call again.</summary>
    NeedMoreData,

    /// <summary>The input is not a valid packet; the error says why. The connection must be closed (MQTT 5.0 §4.13).</summary>
    Invalid,
}
