using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using Polly;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Writes a batch's points to InfluxDB, then (when configured) its readings to Event Hubs, each through the one
/// <see cref="WriteRetry"/> pipeline. What will not succeed goes to dead letters at once, so it does not block the
/// queue: points InfluxDB refuses (400, isolated by the writer) with their message, the whole batch on 401, 403, 404 or
/// another 4xx; on an export refusal the batch's messages (already in InfluxDB) are kept for a later export.
/// </summary>
internal sealed partial class ReadingSinks
{
    private readonly InfluxWriter _influx;
    private readonly EventHubsExport _export;
    private readonly DeadLetters _deadLetters;
    private readonly IngestionStats _stats;
    private readonly ILogger<ReadingSinks> _logger;
    private readonly ResiliencePipeline _retry;

    public ReadingSinks(InfluxConnection connection, EventHubsExport export, DeadLetters deadLetters, IngestionOptions options, IngestionStats stats,
        TimeProvider time, ILoggerFactory loggers)
    {
        _influx = InfluxWriter.SingleAttempt(connection, loggers.CreateLogger<InfluxWriter>()); // the retries are this class's
        _export = export;
        _deadLetters = deadLetters;
        _stats = stats;
        _logger = loggers.CreateLogger<ReadingSinks>();
        _retry = WriteRetry.Create(options, stats, time, _logger);
    }

    /// <summary>Writes <paramref name="batch"/>; false when InfluxDB refused all of it (then its messages are dead letters).</summary>
    public async Task<bool> WriteAsync(IReadOnlyList<Delivery> batch, CancellationToken cancellationToken)
    {
        var points = batch.SelectMany(d => d.Points).ToList();
        if (points.Count == 0) return true;
        try
        {
            var result = await _retry.ExecuteAsync(async ct => await _influx.WriteAsync(points, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            _stats.Written(result.Written);
            if (result.Rejected.Count > 0) KeepRefusedPoints(batch, result.Rejected);
        }
        catch (InfluxWriteException ex) when (!ex.Transient)
        {
            _stats.PointsRefused(points.Count);
            LogBatchRefused(_logger, "InfluxDB", points.Count, batch.Count, ex.Message);
            KeepWhole(batch, "influx_refused", ex.Message);
            return false;
        }
        if (_export.Enabled) await ExportAsync(batch, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task ExportAsync(IReadOnlyList<Delivery> batch, CancellationToken cancellationToken)
    {
        var readings = batch.SelectMany(d => d.Readings.Select((r, i) => new ExportedReading(
            d.Points[i].Tags.FirstOrDefault(t => t.Key == "enterprise").Value, d.Site, d.Gateway, r))).ToList();
        try
        {
            await _retry.ExecuteAsync(async ct => await _export.SendAsync(readings, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !WriteRetry.IsTransient(ex))
        {
            LogBatchRefused(_logger, "Event Hubs", readings.Count, batch.Count, ex.Message);
            KeepWhole(batch, "export_refused", $"written to InfluxDB, refused by Event Hubs: {ex.Message}");
        }
    }

    /// <summary>One dead letter per message with refused points: its raw payload, the points' lines and InfluxDB's message.</summary>
    private void KeepRefusedPoints(IReadOnlyList<Delivery> batch, IReadOnlyList<(LinePoint Point, string Error)> refused)
    {
        _stats.PointsRefused(refused.Count);
        var owner = new Dictionary<LinePoint, Delivery>(ReferenceEqualityComparer.Instance);
        foreach (var delivery in batch)
            foreach (var point in delivery.Points) owner[point] = delivery;
        foreach (var group in refused.GroupBy(r => owner[r.Point]))
        {
            string detail = $"{group.Count()} points refused: " + string.Join("; ", group.Take(3).Select(r => $"{LineProtocol.Format([r.Point]).TrimEnd()} -> {r.Error}"));
            _deadLetters.Keep(group.Key.Topic, group.Key.Payload, "influx_refused", detail);
        }
    }

    private void KeepWhole(IReadOnlyList<Delivery> batch, string reason, string detail)
    {
        foreach (var delivery in batch.Where(d => d.Points.Count > 0)) _deadLetters.Keep(delivery.Topic, delivery.Payload, reason, detail);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sink} refused {Count} readings ({Messages} messages) for good: {Reason}; the messages are kept as dead letters and acknowledged")]
    static partial void LogBatchRefused(ILogger logger, string sink, int count, int messages, string reason);
}
