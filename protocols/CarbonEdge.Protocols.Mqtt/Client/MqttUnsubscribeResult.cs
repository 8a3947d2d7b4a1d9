using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>UNSUBACK: MQTT 5 gives one code per filter; on MQTT 3.1.1 every filter reads <see cref="MqttUnsubscribeReasonCode.Success"/>.</summary>
/// <param name="Filters">The filters as requested.</param>
/// <param name="ReasonCodes">One per filter, in order.</param>
public sealed record MqttUnsubscribeResult(IReadOnlyList<string> Filters, IReadOnlyList<MqttUnsubscribeReasonCode> ReasonCodes);
