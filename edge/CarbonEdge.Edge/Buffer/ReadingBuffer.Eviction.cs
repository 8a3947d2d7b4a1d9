using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Buffer;

/// <summary>The size limit of the buffer: which unsealed readings go when it is full (<see cref="BufferLimits"/>).</summary>
internal sealed partial class ReadingBuffer
{
    private static readonly IReadOnlyDictionary<ReadingKind, long> NoneEvicted = new Dictionary<ReadingKind, long>();

    private static readonly string EnergyList = ReadingKinds.SqlList(ReadingKinds.EnergyPoints);
    private static readonly string KeptList = ReadingKinds.SqlList([.. ReadingKinds.EnergyPoints, .. ReadingKinds.FrozenPoints]);

    /// <summary>Creates the stored eviction counters (meta keys <c>evicted_instantaneous</c>, <c>evicted_energy</c>) if missing.</summary>
    private const string EvictionCountersSql =
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('evicted_instantaneous', 0), ('evicted_energy', 0);";

    /// <summary>
    /// Evicts up to <paramref name="wanted"/> unsealed readings within <paramref name="transaction"/>: instantaneous ones
    /// oldest first, then energy register readings that are not the first of their device, point and interval, oldest
    /// first; adds them to the stored counters. Returns the counts by kind.
    /// </summary>
    private Dictionary<ReadingKind, long> Evict(SqliteTransaction transaction, long wanted)
    {
        var evicted = new Dictionary<ReadingKind, long>();
        long instantaneous = Delete(transaction,
            $"SELECT id FROM reading WHERE point NOT IN {KeptList} ORDER BY id LIMIT {wanted}");
        long bucketMs = Limits.KeepEnergyEveryMinutes * 60_000L;
        long energy = wanted - instantaneous <= 0 ? 0 : Delete(transaction,
            $"""
            SELECT id FROM reading WHERE point IN {EnergyList} AND id NOT IN (
                SELECT min(id) FROM reading WHERE point IN {EnergyList} GROUP BY device, point, ts_ms / {bucketMs})
            ORDER BY id LIMIT {wanted - instantaneous}
            """);
        if (instantaneous > 0) evicted[ReadingKind.Instantaneous] = instantaneous;
        if (energy > 0) evicted[ReadingKind.Energy] = energy;
        foreach (var (kind, count) in evicted)
        {
            using var update = _connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE meta SET value = value + {count.ToString(CultureInfo.InvariantCulture)} WHERE key = '{CounterKey(kind)}'";
            update.ExecuteNonQuery();
        }
        return evicted;
    }

    private long Delete(SqliteTransaction transaction, string selectIds)
    {
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = string.Create(CultureInfo.InvariantCulture, $"DELETE FROM reading WHERE id IN ({selectIds})");
        return delete.ExecuteNonQuery();
    }

    /// <summary>The stored eviction counters (call with the lock held).</summary>
    private Dictionary<ReadingKind, long> EvictedCounts()
    {
        var counts = new Dictionary<ReadingKind, long>();
        foreach (var kind in new[] { ReadingKind.Instantaneous, ReadingKind.Energy })
        {
            counts[kind] = (long)(Scalar($"SELECT value FROM meta WHERE key = '{CounterKey(kind)}'") ?? 0L);
        }
        return counts;
    }

    private static string CounterKey(ReadingKind kind) => kind == ReadingKind.Energy ? "evicted_energy" : "evicted_instantaneous";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Buffer {Path} full ({Held} readings waiting, maximum {Max}): evicted {Instantaneous} instantaneous and {Energy} energy register readings (oldest first; one energy reading per device, point and interval and every frozen value kept); {Left} left")]
    static partial void LogEvicted(ILogger logger, string path, long held, long max, long instantaneous, long energy, long left);

    [LoggerMessage(Level = LogLevel.Error, Message = "Buffer {Path} holds {Held} readings, over its maximum {Max}, all of them kept by the eviction rule (energy readings one per interval, frozen values); raise buffer.maxReadings or buffer.keepEnergyEveryMinutes, or restore the uplink")]
    static partial void LogOverLimit(ILogger logger, string path, long held, long max);
}
