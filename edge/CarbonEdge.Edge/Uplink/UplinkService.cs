using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Health;
using CarbonEdge.Protocols.Mqtt;
using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Uplink;

/// <summary>
/// Moves readings from the buffer to the broker (telemetry contract v1): seals them into batches when a batch is full
/// or <see cref="UplinkOptions.FlushIntervalMs"/> has passed, publishes each batch at QoS 1 on
/// <c>carbonedge/v1/{site}/{gateway}/telemetry</c> and deletes it from the buffer only when its PUBACK arrives.
/// Publishes the retained <c>online</c> status on every connect (with the number of buffered readings) and every minute,
/// <c>offline</c> on shutdown; the broker publishes <c>offline</c> as the Last Will when the link dies.
/// The MQTT client reconnects by itself and resends unacknowledged batches; after a crash the buffer resends them.
/// </summary>
internal sealed partial class UplinkService(
    MqttClient client,
    ReadingBuffer buffer,
    UplinkSignal signal,
    GatewayCommands commands,
    GatewayOptions gateway,
    UplinkOptions options,
    GatewayStats stats,
    TimeProvider time,
    ILogger<UplinkService> logger) : BackgroundService
{
    /// <summary>Batches published and waiting for PUBACK at most.</summary>
    internal const int BatchWindow = 32;
    private static readonly TimeSpan StatusEvery = TimeSpan.FromMinutes(1);
    private readonly Dictionary<long, Task> _inflight = [];
    private DateTimeOffset _onlineSince = time.GetUtcNow();
    private volatile bool _connectedOnce;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        client.ConnectedAsync += OnConnectedAsync;
        client.MessageReceivedAsync += commands.HandleAsync;
        await client.ConnectWithRetryAsync((ex, delay) =>
        {
            if (ex is MqttConnectException refused) LogConnectRefused(logger, client.Options.Host, client.Options.Port, refused.ReasonCode.ToString(), delay.TotalSeconds);
            else LogConnectFailed(logger, client.Options.Host, client.Options.Port, ex.Message, delay.TotalSeconds);
        }, stoppingToken).ConfigureAwait(false);

        var flush = TimeSpan.FromMilliseconds(options.FlushIntervalMs);
        var lastSeal = time.GetUtcNow();
        var lastStatus = lastSeal;
        long addedSinceSeal = buffer.Summary().Unsealed; // left from the previous run: sealed at the first flush
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(flush, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var now = time.GetUtcNow();
            addedSinceSeal += signal.TakeAdded();
            if (addedSinceSeal >= options.MaxReadingsPerBatch || (addedSinceSeal > 0 && now - lastSeal >= flush))
            {
                if (Seal(now)) addedSinceSeal = 0;
                lastSeal = now;
            }
            PublishPending(stoppingToken);
            if (now - lastStatus >= StatusEvery)
            {
                lastStatus = now;
                _ = PublishStatusAsync(GatewayState.Online, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!client.IsConnected) return;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await PublishStatusAsync(GatewayState.Offline, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttException)
        {
            LogShutdownStatusFailed(logger, ex.Message);
        }
    }

    private async Task OnConnectedAsync(MqttConnectedEventArgs e)
    {
        LogConnected(logger, client.Options.Host, client.Options.Port, e.IsReconnect, e.Result.SessionPresent);
        _onlineSince = time.GetUtcNow();
        _connectedOnce = true;
        // commands before the online status, and once: the client subscribes again by itself when a reconnect finds no session
        if (!e.IsReconnect) await commands.SubscribeAsync(client).ConfigureAwait(false);
        await PublishStatusAsync(GatewayState.Online, CancellationToken.None).ConfigureAwait(false);
        signal.Wake();
    }

    private bool Seal(DateTimeOffset now)
    {
        try
        {
            var sealedBatches = buffer.Seal(gateway.Site, gateway.Id, options.MaxReadingsPerBatch, now);
            return sealedBatches.Count > 0;
        }
        catch (SqliteException ex)
        {
            LogBufferFailed(logger, buffer.Path, ex.Message);
            return false;
        }
    }

    private void PublishPending(CancellationToken stoppingToken)
    {
        if (!_connectedOnce) return;
        lock (_inflight)
        {
            int room = BatchWindow - _inflight.Count;
            if (room <= 0) return;
            long after = _inflight.Count == 0 ? 0 : _inflight.Keys.Max();
            IReadOnlyList<PendingBatch> pending;
            try
            {
                pending = buffer.Pending(room, after);
            }
            catch (SqliteException ex)
            {
                LogBufferFailed(logger, buffer.Path, ex.Message);
                return;
            }
            foreach (var batch in pending) _inflight[batch.Seq] = PublishBatchAsync(batch, stoppingToken);
        }
    }

    private async Task PublishBatchAsync(PendingBatch batch, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await client.PublishAsync(new MqttApplicationMessage(batch.Topic, batch.Payload) { QualityOfService = MqttQualityOfServiceLevel.AtLeastOnce },
                stoppingToken).ConfigureAwait(false);
            buffer.Acknowledge(batch.Seq);
            stats.Published();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: the batch stays in the buffer and goes out after the restart
        }
        catch (Exception ex) when (ex is MqttException or SqliteException)
        {
            stats.PublishFailed();
            LogPublishFailed(logger, batch.Seq, ex.Message);
        }
        finally
        {
            lock (_inflight) _inflight.Remove(batch.Seq);
            signal.Wake();
        }
    }

    private async Task PublishStatusAsync(GatewayState state, CancellationToken cancellationToken)
    {
        try
        {
            var since = state == GatewayState.Online ? _onlineSince : time.GetUtcNow();
            var status = new GatewayStatus(state, since, GatewayVersion.Current, buffer.Summary().Buffered);
            await client.PublishAsync(new MqttApplicationMessage(TelemetryTopics.Status(gateway.Site, gateway.Id), TelemetryCodec.Serialize(status))
            {
                QualityOfService = MqttQualityOfServiceLevel.AtLeastOnce,
                Retain = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttException or SqliteException)
        {
            LogStatusFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Host}:{Port} (reconnect {Reconnect}, session present {SessionPresent})")]
    static partial void LogConnected(ILogger logger, string host, int port, bool reconnect, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Host}:{Port} unreachable ({Reason}); readings are buffered; retrying in {Seconds:F1} s")]
    static partial void LogConnectFailed(ILogger logger, string host, int port, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker {Host}:{Port} refused the connection: {ReasonCode}; check mqtt.username/password and the broker ACL; retrying in {Seconds:F1} s")]
    static partial void LogConnectRefused(ILogger logger, string host, int port, string reasonCode, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing batch {Seq} failed ({Reason}); it stays buffered and is retried")]
    static partial void LogPublishFailed(ILogger logger, long seq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status publish failed: {Reason}")]
    static partial void LogStatusFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the offline status on shutdown: {Reason}")]
    static partial void LogShutdownStatusFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Buffer {Path} failed: {Reason}. Check the disk (space, permissions).")]
    static partial void LogBufferFailed(ILogger logger, string path, string reason);
}
