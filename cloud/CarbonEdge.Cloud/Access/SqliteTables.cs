using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Access;

/// <summary>Tables of the access part in the registry's SQLite file: one connection, one lock, the clock; thread-safe through <see cref="Sync"/>.</summary>
internal abstract class SqliteTables(SqliteConnection connection, TimeProvider time) : IDisposable
{
    /// <summary>The open connection.</summary>
    protected SqliteConnection Connection { get; } = connection;

    /// <summary>Held around every use of <see cref="Connection"/>.</summary>
    protected Lock Sync { get; } = new();

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Opens the file at <paramref name="path"/> and runs <paramref name="schema"/> (<c>CREATE ... IF NOT EXISTS</c>).</summary>
    protected static SqliteConnection OpenWithSchema(string path, string schema)
    {
        var opened = SqliteCommands.OpenFile(path);
        opened.Run(schema);
        return opened;
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => Connection.Dispose();
}
