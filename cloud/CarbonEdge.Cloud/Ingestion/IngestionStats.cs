using System.Collections.Concurrent;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>What ingestion did since start (served at <c>GET /api/v1/ingestion</c>). Thread-safe.</summary>
internal sealed class IngestionStats
{
    private readonly ConcurrentDictionary<string, long> _readingsRejected = new();
    private readonly ConcurrentDictionary<string, long> _messagesRejected = new();
    private readonly ConcurrentDictionary<string, long> _rateLimited = new();
    private readonly ConcurrentDictionary<string, long> _deadLettered = new();
    private long _messages, _readingsWritten, _pointsRefused, _seqGaps, _seqRepeats, _unregistered, _writeFailures;

    public void Message() => Interlocked.Increment(ref _messages);
    public void Written(int readings) => Interlocked.Add(ref _readingsWritten, readings);
    public void ReadingRejected(string reason) => _readingsRejected.AddOrUpdate(reason, 1, (_, n) => n + 1);
    public void MessageRejected(string reason) => _messagesRejected.AddOrUpdate(reason, 1, (_, n) => n + 1);
    public void PointsRefused(int count) => Interlocked.Add(ref _pointsRefused, count);
    public void SeqGap() => Interlocked.Increment(ref _seqGaps);
    public void SeqRepeat() => Interlocked.Increment(ref _seqRepeats);
    public void Unregistered(int readings) => Interlocked.Add(ref _unregistered, readings);
    public void WriteFailed() => Interlocked.Increment(ref _writeFailures);
    public void RateLimited(string reason) => _rateLimited.AddOrUpdate(reason, 1, (_, n) => n + 1);
    public void DeadLettered(string reason) => _deadLettered.AddOrUpdate(reason, 1, (_, n) => n + 1);

    /// <summary>A consistent-enough copy for the API.</summary>
    public IngestionStatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _messages), Interlocked.Read(ref _readingsWritten),
        new SortedDictionary<string, long>(_readingsRejected), new SortedDictionary<string, long>(_messagesRejected),
        Interlocked.Read(ref _pointsRefused), Interlocked.Read(ref _seqGaps), Interlocked.Read(ref _seqRepeats),
        Interlocked.Read(ref _unregistered), Interlocked.Read(ref _writeFailures),
        new SortedDictionary<string, long>(_rateLimited), new SortedDictionary<string, long>(_deadLettered));
}

/// <summary>Ingestion counters.</summary>
/// <param name="Messages">Telemetry messages received.</param>
/// <param name="ReadingsWritten">Readings written to InfluxDB.</param>
/// <param name="ReadingsRejected">Readings refused by validation, by reason (not written; their message is dead-lettered).</param>
/// <param name="MessagesRejected">Whole messages refused, by reason (dead-lettered).</param>
/// <param name="PointsRefused">Points InfluxDB refused (dead-lettered).</param>
/// <param name="SeqGaps">Batches whose seq jumped ahead of the gateway's last + 1.</param>
/// <param name="SeqRepeats">Batches at or below the gateway's last seq (redeliveries).</param>
/// <param name="UnregisteredReadings">Readings of devices not in the registry (written without enterprise tags).</param>
/// <param name="WriteFailures">Writes (InfluxDB or the export) that failed and were retried.</param>
/// <param name="MessagesRateLimited">Refused messages beyond their gateway's dead-letter rate, by reason (counted, summed into <c>rate_limited</c> dead letters).</param>
/// <param name="DeadLettersKept">Dead letters kept since start, by reason.</param>
internal sealed record IngestionStatsSnapshot(long Messages, long ReadingsWritten, IReadOnlyDictionary<string, long> ReadingsRejected,
    IReadOnlyDictionary<string, long> MessagesRejected, long PointsRefused, long SeqGaps, long SeqRepeats, long UnregisteredReadings, long WriteFailures,
    IReadOnlyDictionary<string, long> MessagesRateLimited, IReadOnlyDictionary<string, long> DeadLettersKept);
