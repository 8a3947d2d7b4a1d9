using System.Buffers;
using System.Threading.Channels;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Protocols.Telemetry.Validation;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Consumes telemetry (persistent session, QoS 1, optionally a shared subscription <c>$share/{group}/...</c>) and gateway
/// statuses. Each message is validated (contract v1); valid readings are tagged from the registry and written to
/// InfluxDB in batches of up to <see cref="IngestionOptions.MaxPoints"/> points or <see cref="IngestionOptions.MaxDelayMs"/>;
/// a message is acknowledged (PUBACK) only after its readings are written, so a crash or an InfluxDB outage loses
/// nothing: the broker redelivers, and the write is idempotent on (series, time). InfluxDB outages are retried with
/// backoff while messages wait unacknowledged. Refused messages, readings and points are counted, logged and kept as
/// dead letters. Energy readings that may change past days' estimates are noted for re-estimation.
/// </summary>
internal sealed partial class IngestionService(
    BrokerLink link,
    TelemetryValidator validator,
    RegistryStore registry,
    InfluxWriter writer,
    LiveValues live,
    GatewayStatuses statuses,
    LateDays lateDays,
    EstimationOptions estimation,
    IngestionOptions options,
    CloudMqttOptions mqtt,
    IngestionStats stats,
    EventHubsExport export,
    TimeProvider time,
    ILogger<IngestionService> logger) : BackgroundService
{
    private readonly Channel<Accepted> _queue = Channel.CreateBounded<Accepted>(new BoundedChannelOptions(1024) { SingleReader = true });
    private readonly HashSet<(string, string)> _unregisteredSeen = [];

    private sealed record Accepted(MqttApplicationMessageReceivedEventArgs Message, string Site, string Gateway, IReadOnlyList<Reading> Readings, List<LinePoint> Points);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        link.Client.ApplicationMessageReceivedAsync += OnMessageAsync;
        link.Connected += SubscribeAsync; // on every connect: the broker may have lost the session
        var writing = WriteLoopAsync(stoppingToken);
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
        await writing.ConfigureAwait(false);
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
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        string topicName = e.ApplicationMessage.Topic;
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        if (!TelemetryTopics.TryParse(topicName, out var topic)) return;
        if (topic.Kind == TopicKind.Status)
        {
            if (TelemetryCodec.TryDeserialize(payload, out GatewayStatus? status, out string? statusError))
                statuses.Set(topic.Site, topic.Gateway, status);
            else
                LogBadStatus(logger, topicName, statusError ?? "");
            return;
        }
        if (topic.Kind != TopicKind.Telemetry) return;

        stats.Message();
        var now = time.GetUtcNow();
        var result = validator.Validate(topic, payload);
        if (result.Rejection is { } rejection)
        {
            string reason = RejectionNames.Of(rejection.Reason);
            LogMessageRejected(logger, topicName, reason, rejection.Detail);
            DeadLetter(topicName, payload, reason, rejection.Detail, now);
            stats.MessageRejected(reason); // after the dead letter: whoever sees the count finds the letter
            return; // acknowledged: nothing in it can be used, and it is kept whole
        }
        if (result.Rejected.Count > 0)
        {
            foreach (var r in result.Rejected) stats.ReadingRejected(RejectionNames.Of(r.Reason));
            string detail = string.Join("; ", result.Rejected.Take(5).Select(r => $"#{r.Index} {RejectionNames.Of(r.Reason)}: {r.Detail}"));
            LogReadingsRejected(logger, result.Rejected.Count, topicName, result.Batch!.Seq, detail);
            DeadLetter(topicName, payload, "rejected_readings", $"{result.Rejected.Count} readings rejected: {detail}", now);
        }
        var batch = result.Batch!;
        var (check, previous) = RecordSeq(batch, now);
        if (check == SeqCheck.Gap)
        {
            stats.SeqGap();
            LogSeqGap(logger, batch.Site, batch.Gateway, previous, batch.Seq);
        }
        else if (check == SeqCheck.Repeat)
        {
            stats.SeqRepeat();
        }
        var points = new List<LinePoint>(result.Accepted.Count);
        int unregistered = 0;
        foreach (var reading in result.Accepted)
        {
            var device = registry.FindDevice(batch.Site, reading.Device);
            if (device is null)
            {
                unregistered++;
                NoteUnregistered(batch.Site, reading.Device);
            }
            points.Add(ReadingPoints.From(batch.Site, batch.Gateway, reading, device));
        }
        if (unregistered > 0) stats.Unregistered(unregistered);
        e.AutoAcknowledge = false;
        await _queue.Writer.WriteAsync(new Accepted(e, batch.Site, batch.Gateway, result.Accepted, points)).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var pending = new List<Accepted>();
        var maxDelay = TimeSpan.FromMilliseconds(options.MaxDelayMs);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var deadline = time.GetUtcNow() + maxDelay;
                int count = 0;
                while (count < options.MaxPoints)
                {
                    if (_queue.Reader.TryRead(out var item))
                    {
                        pending.Add(item);
                        count += item.Points.Count;
                        continue;
                    }
                    var wait = deadline - time.GetUtcNow();
                    if (wait <= TimeSpan.Zero) break;
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        if (!await _queue.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false)) break;
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }
                }
                await WriteAsync(pending, stoppingToken).ConfigureAwait(false);
                pending.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what is not acknowledged is redelivered to the persistent session
        }
    }

    /// <summary>Writes the readings of <paramref name="batch"/>, retrying until InfluxDB takes them, then acknowledges.</summary>
    private async Task WriteAsync(List<Accepted> batch, CancellationToken stoppingToken)
    {
        var points = batch.SelectMany(a => a.Points).ToList();
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var result = await writer.WriteAsync(points, stoppingToken).ConfigureAwait(false);
                stats.Written(result.Written);
                if (result.Rejected.Count > 0)
                {
                    stats.PointsRefused(result.Rejected.Count);
                    var now = time.GetUtcNow();
                    foreach (var (point, error) in result.Rejected)
                        DeadLetter(point.Measurement, System.Text.Encoding.UTF8.GetBytes(LineProtocol.Format([point])), "influx_refused", error, now);
                }
                break;
            }
            catch (InfluxWriteException ex)
            {
                stats.WriteFailed();
                LogWriteFailed(logger, points.Count, batch.Count, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
        if (export.Enabled) await ExportAsync(batch, stoppingToken).ConfigureAwait(false);
        var zone = estimation.TimeZone;
        var todayStart = LocalDay.UtcBounds(LocalDay.Of(time.GetUtcNow(), zone), zone).Start;
        foreach (var accepted in batch)
        {
            live.Offer(accepted.Site, accepted.Gateway, accepted.Readings);
            MarkLateDays(accepted.Site, accepted.Readings, todayStart);
            await AcknowledgeAsync(accepted.Message, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the PUBACK. A message received on a connection that has since dropped cannot be acknowledged (MQTTnet 5.2
    /// then fails inside its send, even with a NullReferenceException): the broker redelivers it to the persistent
    /// session, and writing it again is harmless.
    /// </summary>
    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs message, CancellationToken stoppingToken)
    {
        try
        {
            await message.AcknowledgeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or NullReferenceException or ObjectDisposedException or InvalidOperationException)
        {
            LogAcknowledgeLost(logger, message.ApplicationMessage.Topic, ex.Message);
        }
    }

    /// <summary>
    /// Sends the readings of <paramref name="batch"/> to Event Hubs, retrying with back-off until they are taken: the
    /// messages stay unacknowledged meanwhile, so an outage holds them at the broker and loses nothing.
    /// </summary>
    private async Task ExportAsync(List<Accepted> batch, CancellationToken stoppingToken)
    {
        var readings = batch.SelectMany(a => a.Readings.Select((r, i) => new ExportedReading(
            a.Points[i].Tags.FirstOrDefault(t => t.Key == "enterprise").Value, a.Site, a.Gateway, r))).ToList();
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await export.SendAsync(readings, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (EventHubsExport.IsFailure(ex)) // also a credential that got no token
            {
                stats.WriteFailed();
                LogExportFailed(logger, readings.Count, batch.Count, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    /// <summary>Good energy readings and stack CO2 readings (formula 5) written may change past days' estimates (<see cref="LateDays"/> decides which to keep).</summary>
    private void MarkLateDays(string site, IReadOnlyList<Reading> readings, DateTimeOffset todayStart)
    {
        var now = time.GetUtcNow();
        foreach (var reading in readings)
        {
            if (reading.Point is Points.EnergyActiveImport or "cems.co2" && reading.Quality == ReadingQuality.Good && reading.Value is not null)
                lateDays.Note(site, reading.Device, reading.Ts, todayStart, now);
        }
    }

    /// <summary>Keeps a refused message in the registry; if even that fails, the message goes whole into the log.</summary>
    private void DeadLetter(string topic, ReadOnlySpan<byte> payload, string reason, string detail, DateTimeOffset now)
    {
        try
        {
            registry.DeadLetter(topic, payload, reason, detail, now);
        }
        catch (SqliteException ex)
        {
            LogDeadLetterFailed(logger, topic, reason, ex.Message, Convert.ToBase64String(payload));
        }
    }

    /// <summary>The seq check is a diagnosis: a registry failure must not stop the readings.</summary>
    private (SeqCheck, long) RecordSeq(TelemetryBatch batch, DateTimeOffset now)
    {
        try
        {
            return registry.RecordSeq(batch.Site, batch.Gateway, batch.Seq, now);
        }
        catch (SqliteException ex)
        {
            LogSeqCheckFailed(logger, batch.Site, batch.Gateway, ex.Message);
            return (SeqCheck.Next, batch.Seq - 1);
        }
    }

    private void NoteUnregistered(string site, string device)
    {
        lock (_unregisteredSeen)
        {
            if (!_unregisteredSeen.Add((site, device))) return;
        }
        LogUnregistered(logger, site, device);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Url} unreachable or refused ({Reason}); retrying in {Seconds:F1} s")]
    static partial void LogConnectFailed(ILogger logger, string url, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Refusal}; retrying in {Seconds:F1} s")]
    static partial void LogConnectRefused(ILogger logger, string refusal, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker {Url} refused the subscription to {Filter}: {ReasonCode} (0x{Code:X2}); check the broker's ACL")]
    static partial void LogSubscribeRefused(ILogger logger, string url, string filter, string reasonCode, int code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed at {Url} to {Filter} and statuses (session present {SessionPresent})")]
    static partial void LogSubscribed(ILogger logger, string url, string filter, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message on {Topic} refused ({Reason}): {Detail}; kept as a dead letter")]
    static partial void LogMessageRejected(ILogger logger, string topic, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} readings of {Topic} seq {Seq} refused, the rest written: {Detail}")]
    static partial void LogReadingsRejected(ILogger logger, int count, string topic, long seq, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Site}/{Gateway}: seq jumped from {Previous} to {Seq} (batches missing or still to come)")]
    static partial void LogSeqGap(ILogger logger, string site, string gateway, long previous, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Site}/{Device} is not in the registry: its readings are written without enterprise tags and not estimated; add it to the registry seed")]
    static partial void LogUnregistered(ILogger logger, string site, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB write of {Points} points ({Messages} messages) failed: {Reason}; messages stay unacknowledged; retrying in {Seconds} s")]
    static partial void LogWriteFailed(ILogger logger, int points, int messages, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "A message on {Topic} was written but its connection dropped before the PUBACK ({Reason}); the broker redelivers it")]
    static partial void LogAcknowledgeLost(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event Hubs export of {Readings} readings ({Messages} messages) failed: {Reason}; messages stay unacknowledged at the broker; retrying in {Seconds} s")]
    static partial void LogExportFailed(ILogger logger, int readings, int messages, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not keep a refused message of {Topic} ({Reason}) as a dead letter: {Error}. Payload (base64): {Payload}")]
    static partial void LogDeadLetterFailed(ILogger logger, string topic, string reason, string error, string payload);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seq check of {Site}/{Gateway} failed (registry): {Error}")]
    static partial void LogSeqCheckFailed(ILogger logger, string site, string gateway, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable status on {Topic}: {Error}")]
    static partial void LogBadStatus(ILogger logger, string topic, string error);
}
