using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>SUBACK, matched to the filters of the SUBSCRIBE.</summary>
/// <param name="Items">One per requested filter, in order.</param>
/// <param name="ReasonString">MQTT 5 reason string, if any.</param>
public sealed record MqttSubscribeResult(IReadOnlyList<MqttSubscribeResultItem> Items, string? ReasonString = null)
{
    /// <summary>True when every filter was granted.</summary>
    public bool IsSuccess => Items.All(item => item.IsSuccess);
}

/// <summary>The broker's answer for one topic filter.</summary>
/// <param name="Filter">The filter as requested.</param>
/// <param name="ReasonCode">Granted QoS (0x00..0x02) or failure (0x80 and above).</param>
public sealed record MqttSubscribeResultItem(MqttTopicFilter Filter, MqttSubscribeReasonCode ReasonCode)
{
    /// <summary>The subscription exists.</summary>
    public bool IsSuccess => ReasonCode <= MqttSubscribeReasonCode.GrantedQoS2;

    /// <summary>Maximum QoS granted, or null when refused.</summary>
    public MqttQualityOfServiceLevel? GrantedQualityOfService => IsSuccess ? (MqttQualityOfServiceLevel)ReasonCode : null;
}
