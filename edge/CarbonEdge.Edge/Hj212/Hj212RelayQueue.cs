using Microsoft.Data.Sqlite;

namespace CarbonEdge.Edge.Hj212;

/// <summary>
/// The relay's durable queue: every byte run received from the stations, in order, in SQLite (WAL,
/// <c>synchronous=FULL</c>) until it was written to the plant's platform. Thread-safe.
/// </summary>
internal sealed class Hj212RelayQueue : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _added = new(0);

    private Hj212RelayQueue(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) the queue at <paramref name="path"/>.</summary>
    /// <exception cref="SqliteException">The file cannot be opened.</exception>
    public static Hj212RelayQueue Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; " +
            "CREATE TABLE IF NOT EXISTS relay (id INTEGER PRIMARY KEY AUTOINCREMENT, bytes BLOB NOT NULL);";
        command.ExecuteNonQuery();
        return new Hj212RelayQueue(connection);
    }

    /// <summary>Packets waiting.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM relay";
                return (long)command.ExecuteScalar()!;
            }
        }
    }

    /// <summary>Appends <paramref name="bytes"/>.</summary>
    public void Enqueue(byte[] bytes)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO relay (bytes) VALUES ($b)";
            command.Parameters.AddWithValue("$b", bytes);
            command.ExecuteNonQuery();
        }
        _added.Release();
    }

    /// <summary>The oldest entries, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<(long Id, byte[] Bytes)> Peek(int limit)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, bytes FROM relay ORDER BY id LIMIT $n";
            command.Parameters.AddWithValue("$n", limit);
            using var reader = command.ExecuteReader();
            var entries = new List<(long, byte[])>();
            while (reader.Read()) entries.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
            return entries;
        }
    }

    /// <summary>Removes the entries up to and including <paramref name="id"/> (they were written).</summary>
    public void RemoveThrough(long id)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM relay WHERE id <= $id";
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Waits until something is enqueued or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _added.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _connection.Dispose();
        _added.Dispose();
    }
}
