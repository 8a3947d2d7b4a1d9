using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

// SUBSCRIBE / UNSUBSCRIBE requests and the subscriptions restored when a reconnect finds no session.
public sealed partial class MqttClient
{
    private readonly Dictionary<ushort, PendingRequest> _requests = [];
    private readonly Dictionary<string, MqttTopicFilter> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>Subscribes to one topic filter.</summary>
    /// <inheritdoc cref="SubscribeAsync(IReadOnlyList{MqttTopicFilter}, CancellationToken)"/>
    public Task<MqttSubscribeResult> SubscribeAsync(string filter, MqttQualityOfServiceLevel qualityOfService = MqttQualityOfServiceLevel.AtMostOnce,
        CancellationToken cancellationToken = default) =>
        SubscribeAsync([new MqttTopicFilter(filter, qualityOfService)], cancellationToken);

    /// <summary>
    /// Subscribes and returns the broker's answer per filter (granted QoS or refusal; check
    /// <see cref="MqttSubscribeResult.IsSuccess"/>). Granted subscriptions are remembered and sent again after a reconnect
    /// that finds no session. While reconnecting, the request waits and is sent on the next connection.
    /// </summary>
    /// <remarks>MQTT 3.1.1 §3.8, §3.9; MQTT 5.0 §3.8 (subscription options), §4.8.2 (shared subscriptions).</remarks>
    /// <exception cref="ArgumentException">No filter, or an invalid one.</exception>
    /// <exception cref="MqttNotConnectedException">No session (see <see cref="ConnectAsync"/>).</exception>
    public async Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttTopicFilter> filters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0) throw new ArgumentException("SUBSCRIBE needs at least one topic filter.", nameof(filters));
        foreach (var filter in filters)
        {
            if (!MqttTopic.IsValidTopicFilter(filter.Filter)) throw new ArgumentException($"'{filter.Filter}' is not a valid topic filter (MQTT 3.1.1 §4.7.1).", nameof(filters));
        }
        var subAck = (MqttSubAckPacket)await RequestAsync(new MqttSubscribePacket { Filters = [.. filters] }, cancellationToken).ConfigureAwait(false);
        return new MqttSubscribeResult(filters.Select((filter, i) => new MqttSubscribeResultItem(filter, subAck.ReasonCodes[i])).ToArray(), subAck.ReasonString);
    }

    /// <summary>Removes subscriptions. MQTT 5 reports a code per filter; MQTT 3.1.1 only acknowledges.</summary>
    /// <remarks>MQTT 3.1.1 §3.10, §3.11; MQTT 5.0 §3.10, §3.11.</remarks>
    /// <exception cref="MqttNotConnectedException">No session (see <see cref="ConnectAsync"/>).</exception>
    public async Task<MqttUnsubscribeResult> UnsubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0) throw new ArgumentException("UNSUBSCRIBE needs at least one topic filter.", nameof(filters));
        var unsubAck = (MqttUnsubAckPacket)await RequestAsync(new MqttUnsubscribePacket { Filters = [.. filters] }, cancellationToken).ConfigureAwait(false);
        var codes = unsubAck.ReasonCodes.Count == filters.Count
            ? unsubAck.ReasonCodes
            : filters.Select(_ => MqttUnsubscribeReasonCode.Success).ToArray();
        return new MqttUnsubscribeResult(filters, codes);
    }

    private async Task<MqttPacket> RequestAsync(MqttPacketWithIdentifier packet, CancellationToken cancellationToken)
    {
        EnsureSession();
        PendingRequest request;
        MqttConnection? connection;
        lock (_sync)
        {
            packet.PacketIdentifier = AllocatePacketIdentifier();
            request = new PendingRequest(packet, ++_sequence);
            _requests.Add(packet.PacketIdentifier, request);
            connection = _connection;
        }
        connection?.Send(packet);
        try
        {
            return await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_sync) _requests.Remove(packet.PacketIdentifier);
            throw;
        }
    }

    /// <summary>SUBACK or UNSUBACK: update the remembered subscriptions and complete the request.</summary>
    private void CompleteRequest(MqttPacketWithIdentifier answer)
    {
        PendingRequest? request;
        lock (_sync)
        {
            if (!_requests.Remove(answer.PacketIdentifier, out request))
            {
                MqttClientLog.UnknownPacketIdentifier(_logger, answer.Type.ToString(), answer.PacketIdentifier);
                return;
            }
            switch (request.Packet, answer)
            {
                case (MqttSubscribePacket subscribe, MqttSubAckPacket subAck) when subAck.ReasonCodes.Count == subscribe.Filters.Count:
                    for (int i = 0; i < subscribe.Filters.Count; i++)
                    {
                        if (subAck.ReasonCodes[i] <= MqttSubscribeReasonCode.GrantedQoS2) _subscriptions[subscribe.Filters[i].Filter] = subscribe.Filters[i];
                    }
                    break;
                case (MqttUnsubscribePacket unsubscribe, MqttUnsubAckPacket):
                    foreach (string filter in unsubscribe.Filters) _subscriptions.Remove(filter);
                    break;
                default:
                    request.Completion.TrySetException(new MqttProtocolException(
                        $"The broker answered {request.Packet.Type} {answer.PacketIdentifier} with a mismatching {answer.Type}."));
                    return;
            }
        }
        request.Completion.TrySetResult(answer);
    }

    /// <summary>After a reconnect without session: subscribe again to everything granted before. Under <see cref="_sync"/>.</summary>
    private void QueueResubscribe()
    {
        if (_subscriptions.Count == 0) return;
        var packet = new MqttSubscribePacket { Filters = [.. _subscriptions.Values], PacketIdentifier = AllocatePacketIdentifier() };
        var request = new PendingRequest(packet, ++_sequence);
        _requests.Add(packet.PacketIdentifier, request);
        _ = request.Completion.Task.ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully && task.Result is MqttSubAckPacket subAck)
            {
                for (int i = 0; i < subAck.ReasonCodes.Count && i < packet.Filters.Count; i++)
                {
                    if (subAck.ReasonCodes[i] > MqttSubscribeReasonCode.GrantedQoS2)
                        MqttClientLog.ResubscribeRefused(_logger, packet.Filters[i].Filter, subAck.ReasonCodes[i].ToString());
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
