using System.Globalization;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Buffer;

/// <summary>A sealed telemetry batch waiting for its PUBACK.</summary>
/// <param name="Seq">Batch sequence number (contract <c>seq</c>).</param>
/// <param name="Topic">Topic to publish on (from the site and gateway the batch was sealed under).</param>
/// <param name="Readings">Readings in the batch.</param>
/// <param name="Payload">UTF-8 JSON payload, exactly as it will be published (and republished).</param>
internal sealed record PendingBatch(long Seq, string Topic, int Readings, byte[] Payload);

/// <summary>What the buffer holds.</summary>
/// <param name="Unsealed">Readings not yet in a batch.</param>
/// <param name="Batches">Sealed batches not yet acknowledged.</param>
/// <param name="BatchedReadings">Readings inside those batches.</param>
/// <param name="NextSeq">The seq the next batch will get.</param>
/// <param name="OldestTs">Acquisition time of the oldest reading held, or null when empty.</param>
/// <param name="Evicted">Readings evicted by the size limit since the buffer was created, by kind (<see cref="BufferLimits"/>).</param>
internal sealed record BufferSummary(long Unsealed, long Batches, long BatchedReadings, long NextSeq, DateTimeOffset? OldestTs,
    IReadOnlyDictionary<ReadingKind, long> Evicted)
{
    /// <summary>Readings held in all (the <c>buffered</c> of the status topic).</summary>
    public long Buffered => Unsealed + BatchedReadings;
}

/// <summary>
/// The gateway's durable store-and-forward buffer: SQLite in WAL mode with <c>synchronous=FULL</c>, so a reading is
/// on disk before <see cref="Add"/> returns and survives a crash or power cut. Readings are sealed into telemetry
/// batches with consecutive <c>seq</c> numbers (the next seq is stored, so it survives restarts); a batch is deleted
/// only when <see cref="Acknowledge(IReadOnlyCollection{long})"/> reports its PUBACK. A batch that was published but not acknowledged before a
/// crash is published again with the same seq and payload (the cloud is idempotent on device, point and ts).
/// The size is bounded by <see cref="BufferLimits"/> (eviction: ReadingBuffer.Eviction.cs). Thread-safe: one connection
/// behind a lock.
/// </summary>
internal sealed partial class ReadingBuffer : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private long _unsealed, _sealedBatches; // counts kept in step with the tables (guarded by _lock)
    private bool _overLimit; // over the maximum with only kept readings (guarded by _lock)

    private readonly ILogger _logger;

    private ReadingBuffer(SqliteConnection connection, BufferLimits limits, ILogger logger) => (_connection, Limits, _logger) = (connection, limits, logger);

    /// <summary>Path of the database file.</summary>
    public required string Path { get; init; }

    /// <summary>The size limit and what eviction keeps.</summary>
    public BufferLimits Limits { get; }

    /// <summary>Readings waiting to be sealed.</summary>
    public long Unsealed
    {
        get
        {
            lock (_lock) return _unsealed;
        }
    }

    /// <summary>Sealed batches waiting for their PUBACK.</summary>
    public long SealedBatches
    {
        get
        {
            lock (_lock) return _sealedBatches;
        }
    }

    /// <summary>
    /// Opens (creating if needed) the buffer at <paramref name="path"/>, bounded by <paramref name="limits"/> (default:
    /// <see cref="BufferLimits"/>' defaults); evictions are logged to <paramref name="logger"/>.
    /// </summary>
    /// <exception cref="SqliteException">The file cannot be opened or is not a buffer of this version.</exception>
    public static ReadingBuffer Open(string path, BufferLimits? limits = null, ILogger? logger = null)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var buffer = new ReadingBuffer(connection, limits ?? new BufferLimits(), logger ?? NullLogger.Instance) { Path = path };
        buffer.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        long version = (long)buffer.Scalar("PRAGMA user_version")!;
        if (version == 0)
        {
            buffer.Execute($"""
                CREATE TABLE IF NOT EXISTS reading (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    device TEXT NOT NULL, point TEXT NOT NULL, value REAL, unit TEXT NOT NULL,
                    ts_ms INTEGER NOT NULL, quality TEXT NOT NULL, reason TEXT, ts_source TEXT);
                CREATE TABLE IF NOT EXISTS batch (
                    seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, readings INTEGER NOT NULL, payload BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT OR IGNORE INTO meta (key, value) VALUES ('next_seq', 1);
                PRAGMA user_version = {SchemaVersion};
                """);
        }
        else if (version != SchemaVersion)
        {
            connection.Dispose();
            throw new InvalidOperationException($"{path} is a buffer of schema version {version}; this cedge knows {SchemaVersion}. Use the cedge that wrote it to drain it first.");
        }
        buffer.Execute(EvictionCountersSql);
        buffer._unsealed = (long)buffer.Scalar("SELECT count(*) FROM reading")!;
        buffer._sealedBatches = (long)buffer.Scalar("SELECT count(*) FROM batch")!;
        return buffer;
    }

    /// <summary>
    /// Stores readings durably, in one transaction; when that passes <see cref="BufferLimits.MaxReadings"/>, evicts in the
    /// same transaction (<see cref="BufferLimits"/>) and returns what it evicted, by kind (empty when nothing was).
    /// </summary>
    public IReadOnlyDictionary<ReadingKind, long> Add(IReadOnlyList<Reading> readings)
    {
        if (readings.Count == 0) return NoneEvicted;
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO reading (device, point, value, unit, ts_ms, quality, reason, ts_source) VALUES ($d, $p, $v, $u, $t, $q, $r, $s)";
            var d = insert.Parameters.Add("$d", SqliteType.Text);
            var p = insert.Parameters.Add("$p", SqliteType.Text);
            var v = insert.Parameters.Add("$v", SqliteType.Real);
            var u = insert.Parameters.Add("$u", SqliteType.Text);
            var t = insert.Parameters.Add("$t", SqliteType.Integer);
            var q = insert.Parameters.Add("$q", SqliteType.Text);
            var r = insert.Parameters.Add("$r", SqliteType.Text);
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            foreach (var reading in readings)
            {
                d.Value = reading.Device;
                p.Value = reading.Point;
                v.Value = reading.Value is { } value ? value : DBNull.Value;
                u.Value = reading.Unit;
                t.Value = reading.Ts.ToUnixTimeMilliseconds();
                q.Value = QualityNames.Of(reading.Quality);
                r.Value = (object?)reading.Reason ?? DBNull.Value;
                s.Value = reading.TsSource is TimestampSource.Device ? "device" : DBNull.Value;
                insert.ExecuteNonQuery();
            }
            long unsealed = _unsealed + readings.Count;
            var evicted = unsealed > Limits.MaxReadings ? Evict(transaction, unsealed - Limits.MaxReadings * 9 / 10) : NoneEvicted;
            transaction.Commit();
            _unsealed = unsealed - evicted.Values.Sum();
            if (evicted.Count > 0) LogEvicted(_logger, Path, unsealed, Limits.MaxReadings, evicted.GetValueOrDefault(ReadingKind.Instantaneous), evicted.GetValueOrDefault(ReadingKind.Energy), _unsealed);
            bool over = _unsealed > Limits.MaxReadings;
            if (over && !_overLimit) LogOverLimit(_logger, Path, _unsealed, Limits.MaxReadings); // once a time it happens
            _overLimit = over;
            return evicted;
        }
    }

    /// <summary>
    /// Seals unsealed readings, up to <paramref name="maxBatches"/> batches' worth, into telemetry batches of at most
    /// <paramref name="maxReadings"/> readings and 256 KiB, numbered on from the stored next seq, in one transaction.
    /// Live readings first: those with an id above <paramref name="backlogUpToId"/>, oldest first; then, with the room
    /// left, at most <paramref name="backlogBudget"/> of the backlog (ids up to it), oldest first. Returns the new batches
    /// (none when nothing is unsealed).
    /// </summary>
    public IReadOnlyList<PendingBatch> Seal(string site, string gateway, int maxReadings, DateTimeOffset sentAt, int maxBatches = 32,
        long backlogUpToId = 0, long backlogBudget = long.MaxValue) => Seal(site, gateway, maxReadings, sentAt, maxBatches, backlogUpToId, backlogBudget, out _);

    /// <summary>As <see cref="Seal(string, string, int, DateTimeOffset, int, long, long)"/>; <c>backlogSealed</c> says how many backlog readings went into the batches.</summary>
    public IReadOnlyList<PendingBatch> Seal(string site, string gateway, int maxReadings, DateTimeOffset sentAt, int maxBatches,
        long backlogUpToId, long backlogBudget, out int backlogSealed)
    {
        lock (_lock)
        {
            long room = (long)maxReadings * maxBatches;
            var readings = SelectUnsealed("id > $from", backlogUpToId, room, out long lastLive);
            backlogSealed = 0;
            long lastBacklog = 0;
            if (readings.Count < room && backlogUpToId > 0 && backlogBudget > 0)
            {
                var backlog = SelectUnsealed("id <= $from", backlogUpToId, Math.Min(room - readings.Count, backlogBudget), out lastBacklog);
                backlogSealed = backlog.Count;
                readings.AddRange(backlog);
            }
            if (readings.Count == 0) return [];
            using var transaction = _connection.BeginTransaction();
            long nextSeq = (long)Scalar("SELECT value FROM meta WHERE key = 'next_seq'")!;
            string topic = TelemetryTopics.Telemetry(site, gateway);
            var sealedBatches = new List<PendingBatch>();
            foreach (var (batch, payload) in TelemetryBatching.Pack(site, gateway, nextSeq, sentAt, readings, maxReadings))
            {
                using var insert = _connection.CreateCommand();
                insert.CommandText = "INSERT INTO batch (seq, topic, readings, payload) VALUES ($seq, $topic, $n, $payload)";
                insert.Parameters.AddWithValue("$seq", batch.Seq);
                insert.Parameters.AddWithValue("$topic", topic);
                insert.Parameters.AddWithValue("$n", batch.Readings.Count);
                insert.Parameters.AddWithValue("$payload", payload);
                insert.ExecuteNonQuery();
                sealedBatches.Add(new PendingBatch(batch.Seq, topic, batch.Readings.Count, payload));
            }
            if (lastLive > 0) Execute(string.Create(CultureInfo.InvariantCulture, $"DELETE FROM reading WHERE id > {backlogUpToId} AND id <= {lastLive}"));
            if (lastBacklog > 0) Execute(string.Create(CultureInfo.InvariantCulture, $"DELETE FROM reading WHERE id <= {lastBacklog}"));
            Execute($"UPDATE meta SET value = {(nextSeq + sealedBatches.Count).ToString(CultureInfo.InvariantCulture)} WHERE key = 'next_seq'");
            transaction.Commit();
            _unsealed -= readings.Count;
            _sealedBatches += sealedBatches.Count;
            return sealedBatches;
        }
    }

    /// <summary>Id of the newest reading stored (0 when none ever was): the live/backlog boundary for <see cref="Seal(string, string, int, DateTimeOffset, int, long, long)"/>.</summary>
    public long LastReadingId()
    {
        lock (_lock) return (long)Scalar("SELECT coalesce(max(id), 0) FROM reading")!;
    }

    /// <summary>Unsealed readings matching <paramref name="where"/> (with <c>$from</c>), by id, at most <paramref name="limit"/>; <paramref name="lastId"/> the last one's id (0 when none).</summary>
    private List<Reading> SelectUnsealed(string where, long from, long limit, out long lastId)
    {
        var readings = new List<Reading>();
        lastId = 0;
        using var select = _connection.CreateCommand();
        select.CommandText = $"SELECT id, device, point, value, unit, ts_ms, quality, reason, ts_source FROM reading WHERE {where} ORDER BY id LIMIT $limit";
        select.Parameters.AddWithValue("$from", from);
        select.Parameters.AddWithValue("$limit", limit);
        using var row = select.ExecuteReader();
        while (row.Read())
        {
            lastId = row.GetInt64(0);
            readings.Add(new Reading(row.GetString(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetDouble(3), row.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(5)), QualityNames.TryParse(row.GetString(6), out var quality) ? quality : ReadingQuality.Bad,
                row.IsDBNull(7) ? null : row.GetString(7), row.IsDBNull(8) ? null : TimestampSource.Device));
        }
        return readings;
    }

    /// <summary>Unacknowledged batches in seq order, oldest first, at most <paramref name="limit"/>, after <paramref name="afterSeq"/>.</summary>
    public IReadOnlyList<PendingBatch> Pending(int limit, long afterSeq = 0)
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT seq, topic, readings, payload FROM batch WHERE seq > $after ORDER BY seq LIMIT $limit";
            select.Parameters.AddWithValue("$after", afterSeq);
            select.Parameters.AddWithValue("$limit", limit);
            using var row = select.ExecuteReader();
            var batches = new List<PendingBatch>();
            while (row.Read())
                batches.Add(new PendingBatch(row.GetInt64(0), row.GetString(1), row.GetInt32(2), (byte[])row.GetValue(3)));
            return batches;
        }
    }

    /// <summary>Deletes batch <paramref name="seq"/> after its PUBACK; false if it was not held.</summary>
    public bool Acknowledge(long seq) => Acknowledge([seq]) == 1;

    /// <summary>
    /// Deletes the batches <paramref name="seqs"/> after their PUBACKs in one transaction (one WAL sync for all: the
    /// uplink's group commit); returns how many were held.
    /// </summary>
    public int Acknowledge(IReadOnlyCollection<long> seqs)
    {
        if (seqs.Count == 0) return 0;
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM batch WHERE seq = $seq";
            var parameter = delete.Parameters.Add("$seq", SqliteType.Integer);
            int deleted = 0;
            foreach (long seq in seqs)
            {
                parameter.Value = seq;
                deleted += delete.ExecuteNonQuery();
            }
            transaction.Commit();
            _sealedBatches -= deleted;
            return deleted;
        }
    }

    /// <summary>Counts of what is held.</summary>
    public BufferSummary Summary()
    {
        lock (_lock)
        {
            long unsealed = (long)Scalar("SELECT count(*) FROM reading")!;
            long batches = (long)Scalar("SELECT count(*) FROM batch")!;
            long batched = (long)Scalar("SELECT coalesce(sum(readings), 0) FROM batch")!;
            long nextSeq = (long)Scalar("SELECT value FROM meta WHERE key = 'next_seq'")!;
            object? oldest = Scalar("SELECT min(ts_ms) FROM reading");
            return new BufferSummary(unsealed, batches, batched, nextSeq,
                oldest is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, EvictedCounts());
        }
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
