using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Access;

/// <summary>Parameterised SQL on a connection: arguments bind to <c>$1</c>, <c>$2</c>, ... (never spliced into the text).</summary>
internal static class SqliteCommands
{
    /// <summary>Opens (creating its folder) the SQLite file at <paramref name="path"/> in WAL mode with a 5 s busy timeout.</summary>
    public static SqliteConnection OpenFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        connection.Run("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    /// <summary>Rows of a query, mapped.</summary>
    public static List<T> Rows<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params object?[] args)
    {
        using var command = connection.Command(sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>Runs a statement; returns the rows changed.</summary>
    public static int Run(this SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = connection.Command(sql, args);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(this SqliteConnection connection, string sql, object?[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < args.Length; i++) command.Parameters.AddWithValue($"${i + 1}", args[i] ?? DBNull.Value);
        return command;
    }
}
