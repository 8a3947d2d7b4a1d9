using System.Buffers;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// The MQTT side of ingestion (MQTTnet through <see cref="BrokerLink"/>): a persistent session, QoS 1 subscriptions to
/// telemetry (shared as <c>$share/{group}/...</c> when <see cref="CloudMqttOptions.SharedGroup"/> is set) and gateway
/// statuses, renewed on every connect. Every message is taken with manual acknowledgement and queued in receive order
/// (<see cref="IngestionQueue"/>): telemetry as its <see cref="TelemetryIntake"/> (run on the thread pool, so that
/// several messages are validated at once), statuses after updating
/// <see cref="GatewayStatuses"/>; <see cref="BatchingWriter"/> sends the PUBACKs in that order after the write.
/// </summary>
internal sealed partial class TelemetrySubscriber(
    BrokerLink link, TelemetryIntake intake, GatewayStatuses statuses, IngestionQueue queue, CloudMqttOptions mqtt,
    ILogger<TelemetrySubscriber> logger) : BackgroundService
{
    private volatile bool _subscribed;

    /// <summary>True once the broker has answered a SUBSCRIBE on the current or a past connection (tests wait on it).</summary>
    public bool IsSubscribed => _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        link.Client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
        link.Connected += SubscribeAsync; // on every connect: the broker may have lost the session
        try
        {
            await link.StartAsync((ex, delay) =>
            {
                if (ex is BrokerRefusedException refused) LogConnectRefused(logger, refused.Message, delay.TotalSeconds);
                else LogConnectFailed(logger, mqtt.Url, ex.Message, delay.TotalSeconds);
            }, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopped before the broker was reachable
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await link.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            // unacknowledged messages are redelivered to the persistent session
        }
    }

    /// <summary>Subscribes to telemetry and statuses; a filter the broker refuses (SUBACK reason code, ACL) is logged with its code.</summary>
    private async Task SubscribeAsync(BrokerConnected connected)
    {
        string telemetry = mqtt.SharedGroup is { } group ? $"$share/{group}/{TelemetryTopics.AllTelemetry}" : TelemetryTopics.AllTelemetry;
        var result = await link.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(telemetry).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic(TelemetryTopics.AllStatus).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build()).ConfigureAwait(false);
        foreach (var item in result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
            LogSubscribeRefused(logger, mqtt.Url, item.TopicFilter.Topic, item.ResultCode.ToString(), (int)item.ResultCode);
        LogSubscribed(logger, mqtt.Url, telemetry, connected.SessionPresent);
        _subscribed = true;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken stoppingToken)
    {
        e.AutoAcknowledge = false; // every PUBACK in receive order, after the write (BatchingWriter)
        string topicName = e.ApplicationMessage.Topic;
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        bool parsed = TelemetryTopics.TryParse(topicName, out var topic);
        var delivery = Task.FromResult(Delivery.AckOnly(e, topicName, payload));
        if (parsed && topic.Kind == TopicKind.Telemetry)
        {
            // validation and tagging on the thread pool, several messages at once; the queue keeps them in receive order
            delivery = Task.Run(() =>
            {
                var accepted = intake.Accept(topic, topicName, payload);
                return new Delivery(e, topicName, payload, accepted.Site, accepted.Gateway, accepted.Seq, accepted.Readings, accepted.Points);
            }, CancellationToken.None);
        }
        else if (parsed && topic.Kind == TopicKind.Status)
        {
            if (TelemetryCodec.TryDeserialize(payload, out GatewayStatus? status, out string? statusError)) statuses.Set(topic.Site, topic.Gateway, status);
            else LogBadStatus(logger, topicName, statusError ?? "");
        }
        else if (!parsed && topicName.EndsWith("/telemetry", StringComparison.Ordinal))
        {
            intake.RefuseTopic(topicName, payload);
        }
        try
        {
            await queue.Writer.WriteAsync(delivery, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping: not acknowledged, so the broker redelivers it to the persistent session
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Url} unreachable or refused ({Reason}); retrying in {Seconds:F1} s")]
    static partial void LogConnectFailed(ILogger logger, string url, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Refusal}; retrying in {Seconds:F1} s")]
    static partial void LogConnectRefused(ILogger logger, string refusal, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker {Url} refused the subscription to {Filter}: {ReasonCode} (0x{Code:X2}); check the broker's ACL")]
    static partial void LogSubscribeRefused(ILogger logger, string url, string filter, string reasonCode, int code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed at {Url} to {Filter} and statuses (session present {SessionPresent})")]
    static partial void LogSubscribed(ILogger logger, string url, string filter, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable status on {Topic}: {Error}")]
    static partial void LogBadStatus(ILogger logger, string topic, string error);
}
