using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Health;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CarbonEdge.Edge.Uplink;

/// <summary>
/// Moves readings from the buffer to the broker (telemetry contract v1): seals them into batches when a batch is full
/// or <see cref="UplinkOptions.FlushIntervalMs"/> has passed, publishes each batch at QoS 1 on
/// <c>carbonedge/v1/{site}/{gateway}/telemetry</c> and deletes it from the buffer only when its PUBACK arrives.
/// Publishes the retained <c>online</c> status on every connect (with the number of buffered readings) and every minute,
/// <c>offline</c> on shutdown; the broker publishes <c>offline</c> as the Last Will when the link dies.
/// The link reconnects by itself (<see cref="BrokerLink"/>); a batch whose publish failed or was refused (PUBACK reason
/// code, MQTT 5) stays buffered and goes again with the same seq; after a crash the buffer resends it.
/// </summary>
internal sealed partial class UplinkService(
    BrokerLink link,
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
    private readonly HashSet<long> _inflight = []; // seqs published, PUBACK not yet in
    /// <summary>Acknowledged batches deleted together once this many wait (one WAL sync for all), or when nothing is in flight.</summary>
    private const int DeleteEvery = 64;
    private readonly List<long> _acknowledged = []; // PUBACK received, not yet deleted, in PUBACK order (guarded by _inflight)
    /// <summary>Free places in the window before it is refilled (fewer SQLite reads; the window stays at least 3/4 full).</summary>
    private const int RefillAtLeast = BatchWindow / 4;
    private long _selectedUpTo; // highest seq taken for publishing (guarded by _inflight); lowered when a publish fails
    private DateTimeOffset _onlineSince = time.GetUtcNow();
    private long _backlogUpToId; // readings up to this id were buffered before the last connect: sealed behind the live ones, at a bounded rate
    private double _backlogCredit; // backlog readings that may be sealed now (at most a second's worth); uplink loop only
    private DateTimeOffset _creditedAt = time.GetUtcNow();
    /// <summary>On shutdown, how long batches already published may wait for their PUBACK before they are left to the next start.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _abandonPublishes = new(); // cancelled once the shutdown grace has passed

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        link.Connected += OnConnectedAsync;
        link.Client.ApplicationMessageReceivedAsync += e => commands.HandleAsync(link, e);
        await link.StartAsync((ex, delay) =>
        {
            stats.BrokerRefusal = link.LastRefusal;
            if (ex is BrokerRefusedException refused) LogConnectRefused(logger, refused.Message, delay.TotalSeconds);
            else LogConnectFailed(logger, link.Settings.Url, ex.Message, delay.TotalSeconds);
        }, stoppingToken).ConfigureAwait(false);

        var flush = TimeSpan.FromMilliseconds(options.FlushIntervalMs);
        var lastSeal = time.GetUtcNow();
        var lastStatus = lastSeal;
        long addedSinceSeal = 0;
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
            // sealed only while connected, and only a few windows ahead: the rest waits as readings, where the size limit
            // can evict what estimation does not need and live readings can overtake the backlog
            bool due = addedSinceSeal >= options.MaxReadingsPerBatch || (buffer.Unsealed > 0 && now - lastSeal >= flush);
            if (due && link.IsConnected && buffer.SealedBatches < 2 * BatchWindow)
            {
                if (Seal(now)) addedSinceSeal = 0;
                lastSeal = now;
            }
            PublishPending(_abandonPublishes.Token);
            if (now - lastStatus >= StatusEvery)
            {
                lastStatus = now;
                _ = PublishStatusAsync(GatewayState.Online, stoppingToken);
            }
        }
        await AwaitInflightAsync().ConfigureAwait(false);
        DeleteAcknowledged();
    }

    /// <summary>
    /// Shutdown: lets the batches already published take their PUBACK for up to <see cref="ShutdownGrace"/> (so a clean
    /// stop leaves no batch to send again), then abandons the rest, which stay buffered for the next start.
    /// </summary>
    private async Task AwaitInflightAsync()
    {
        long started = time.GetTimestamp();
        while (InflightCount() > 0 && time.GetElapsedTime(started) < ShutdownGrace)
        {
            await signal.WaitAsync(ShutdownGrace - time.GetElapsedTime(started), CancellationToken.None).ConfigureAwait(false);
        }
        await _abandonPublishes.CancelAsync().ConfigureAwait(false);
    }

    private int InflightCount()
    {
        lock (_inflight) return _inflight.Count;
    }

    public override void Dispose()
    {
        _abandonPublishes.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Deletes the batches whose PUBACK arrived by now, in one transaction. The SQLite work runs outside the lock, so
    /// PUBACKs completing meanwhile are not held up; the batches stay in <see cref="_acknowledged"/> (and are skipped
    /// if selected again) until deleted. A crash before this costs no reading: the batch goes again with the same seq
    /// and the cloud's write is idempotent. Called only from the uplink loop.
    /// </summary>
    private void DeleteAcknowledged()
    {
        long[] done;
        lock (_inflight) done = [.. _acknowledged];
        if (done.Length == 0) return;
        try
        {
            buffer.Acknowledge(done);
            lock (_inflight) _acknowledged.RemoveRange(0, done.Length); // appended since stay for the next call
        }
        catch (SqliteException ex)
        {
            LogBufferFailed(logger, buffer.Path, ex.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!link.IsConnected) return;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await PublishStatusAsync(GatewayState.Offline, timeout.Token).ConfigureAwait(false);
            await link.DisconnectAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException)
        {
            LogShutdownStatusFailed(logger, ex.Message);
        }
    }

    private async Task OnConnectedAsync(BrokerConnected e)
    {
        LogConnected(logger, link.Settings.Url, e.IsReconnect, e.SessionPresent);
        stats.BrokerRefusal = null;
        _onlineSince = time.GetUtcNow();
        Interlocked.Exchange(ref _backlogUpToId, buffer.LastReadingId());
        // commands before the online status, on every connect: the broker may have lost the session
        stats.BrokerRefusal = await commands.SubscribeAsync(link).ConfigureAwait(false);
        await PublishStatusAsync(GatewayState.Online, CancellationToken.None).ConfigureAwait(false);
        signal.Wake();
    }

    private bool Seal(DateTimeOffset now)
    {
        try
        {
            int rate = options.BacklogReadingsPerSecond;
            _backlogCredit = Math.Min(rate, _backlogCredit + rate * Math.Max(0, (now - _creditedAt).TotalSeconds));
            _creditedAt = now;
            var sealedBatches = buffer.Seal(gateway.Site, gateway.Id, options.MaxReadingsPerBatch, now, BatchWindow,
                Interlocked.Read(ref _backlogUpToId), (long)_backlogCredit, out int backlogSealed);
            _backlogCredit -= backlogSealed;
            return sealedBatches.Count > 0;
        }
        catch (SqliteException ex)
        {
            LogBufferFailed(logger, buffer.Path, ex.Message);
            return false;
        }
    }

    private void PublishPending(CancellationToken cancellationToken)
    {
        bool deleteNow;
        int room;
        long after;
        lock (_inflight)
        {
            deleteNow = _acknowledged.Count >= DeleteEvery || _inflight.Count == 0;
            room = BatchWindow - _inflight.Count;
            after = _selectedUpTo;
        }
        if (deleteNow) DeleteAcknowledged();
        // the window is refilled a quarter at a time: one read of several batches rather than one per PUBACK
        if (!link.IsConnected || room <= 0 || (room < RefillAtLeast && room < BatchWindow)) return;
        IReadOnlyList<PendingBatch> pending;
        try
        {
            pending = buffer.Pending(room, after); // outside the lock, as the delete
        }
        catch (SqliteException ex)
        {
            LogBufferFailed(logger, buffer.Path, ex.Message);
            return;
        }
        var selected = new List<PendingBatch>(pending.Count);
        lock (_inflight)
        {
            if (_selectedUpTo < after) return; // a publish failed meanwhile: the next wake selects again from below it
            foreach (var batch in pending)
            {
                _selectedUpTo = Math.Max(_selectedUpTo, batch.Seq);
                // after a failed publish the selection starts again below: skip what is still in flight or already acknowledged
                if (_inflight.Contains(batch.Seq) || _acknowledged.Contains(batch.Seq)) continue;
                _inflight.Add(batch.Seq);
                selected.Add(batch);
            }
        }
        // started one after another on this thread, so the PUBLISH packets leave in seq order (MQTTnet sends in call order);
        // the PUBACKs are awaited concurrently, up to the window
        foreach (var batch in selected) _ = PublishBatchAsync(batch, cancellationToken);
    }

    private async Task PublishBatchAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        bool acknowledged = false;
        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(batch.Topic).WithPayload(batch.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            long started = time.GetTimestamp();
            var result = await link.Client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            // MQTTnet counts NoMatchingSubscribers (MQTT 5 PUBACK 0x10) a success; for telemetry it means nobody got the
            // batch (e.g. mosquitto restarted and the cloud's shared subscription not yet renewed): it stays buffered
            if (result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                stats.PublishLatency.Observe(time.GetElapsedTime(started).TotalSeconds);
                lock (_inflight) _acknowledged.Add(batch.Seq); // deleted by the loop, many in one transaction
                stats.Published();
                acknowledged = true;
            }
            else if (result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                stats.PublishFailed();
                LogNoSubscriber(logger, batch.Seq, batch.Topic);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false); // its window slot stays taken: once a second, not a tight loop
            }
            else
            {
                // refused (MQTT 5 PUBACK reason code, e.g. NotAuthorized by the ACL): kept, retried at the next flush
                stats.PublishFailed();
                stats.BrokerRefusal = $"publish to {batch.Topic} refused: {result.ReasonCode} (0x{(int)result.ReasonCode:X2}); check the broker's ACL";
                LogPublishRefused(logger, batch.Seq, batch.Topic, result.ReasonCode.ToString(), (int)result.ReasonCode);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down: the batch stays in the buffer and goes out after the restart
        }
        catch (Exception ex) when (ex is MqttCommunicationException or SqliteException or OperationCanceledException)
        {
            stats.PublishFailed();
            LogPublishFailed(logger, batch.Seq, ex.Message);
        }
        finally
        {
            lock (_inflight)
            {
                _inflight.Remove(batch.Seq);
                if (!acknowledged) _selectedUpTo = Math.Min(_selectedUpTo, batch.Seq - 1); // goes again with the same seq
            }
            if (acknowledged) signal.Wake();
        }
    }

    private async Task PublishStatusAsync(GatewayState state, CancellationToken cancellationToken)
    {
        try
        {
            var since = state == GatewayState.Online ? _onlineSince : time.GetUtcNow();
            var summary = buffer.Summary();
            var status = new GatewayStatus(state, since, GatewayVersion.Current, summary.Buffered, ReadingKinds.Named(summary.Evicted));
            var message = new MqttApplicationMessageBuilder().WithTopic(TelemetryTopics.Status(gateway.Site, gateway.Id))
                .WithPayload(TelemetryCodec.Serialize(status)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();
            var result = await link.Client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess) LogStatusFailed(logger, $"refused: {result.ReasonCode}");
        }
        catch (Exception ex) when (ex is MqttCommunicationException or SqliteException)
        {
            LogStatusFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Url} (reconnect {Reconnect}, session present {SessionPresent})")]
    static partial void LogConnected(ILogger logger, string url, bool reconnect, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Url} unreachable ({Reason}); readings are buffered; retrying in {Seconds:F1} s")]
    static partial void LogConnectFailed(ILogger logger, string url, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Refusal}; readings are buffered; retrying in {Seconds:F1} s")]
    static partial void LogConnectRefused(ILogger logger, string refusal, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Seq} on {Topic} reached no subscriber (PUBACK 0x10: the cloud is not subscribed yet); it stays buffered and goes again in a second")]
    static partial void LogNoSubscriber(ILogger logger, long seq, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Seq} refused by the broker on {Topic}: {ReasonCode} (0x{Code:X2}); it stays buffered; check the broker's ACL")]
    static partial void LogPublishRefused(ILogger logger, long seq, string topic, string reasonCode, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing batch {Seq} failed ({Reason}); it stays buffered and is retried")]
    static partial void LogPublishFailed(ILogger logger, long seq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status publish failed: {Reason}")]
    static partial void LogStatusFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the offline status on shutdown: {Reason}")]
    static partial void LogShutdownStatusFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Buffer {Path} failed: {Reason}. Check the disk (space, permissions).")]
    static partial void LogBufferFailed(ILogger logger, string path, string reason);
}
