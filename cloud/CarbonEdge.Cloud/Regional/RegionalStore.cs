using System.Globalization;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Regional;

/// <summary>
/// The imported region inputs in SQLite (<c>regional.db</c> next to the registry): statistics lines and daily
/// electricity lines, keyed as the file contracts key them; a later import of a key replaces it (late or corrected
/// figures). Thread-safe.
/// </summary>
internal sealed class RegionalStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private RegionalStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens or creates the database at <paramref name="path"/>.</summary>
    public static RegionalStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;
            CREATE TABLE IF NOT EXISTS region_statistics (region TEXT NOT NULL, period TEXT NOT NULL, domain TEXT NOT NULL, industry TEXT NOT NULL,
                energy_kind TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (region, period, domain, industry, energy_kind));
            CREATE TABLE IF NOT EXISTS region_electricity (region TEXT NOT NULL, domain TEXT NOT NULL, industry TEXT NOT NULL, day TEXT NOT NULL,
                kwh REAL NOT NULL, PRIMARY KEY (region, domain, industry, day));
            """;
        command.ExecuteNonQuery();
        return new RegionalStore(connection);
    }

    /// <summary>Inserts or replaces the lines of an import, in one transaction.</summary>
    public void Save(IReadOnlyList<StatisticsRecord> statistics, IReadOnlyList<ElectricityRecord> electricity)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using (var command = Command("INSERT OR REPLACE INTO region_statistics VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, transaction))
            {
                foreach (var s in statistics)
                {
                    Run(command, s.Region.Value, s.Period.ToString(), WireName.Of(s.Domain), s.Industry, s.EnergyKind, s.Quantity, s.Unit);
                }
            }
            using (var command = Command("INSERT OR REPLACE INTO region_electricity VALUES ($1, $2, $3, $4, $5)", 5, transaction))
            {
                foreach (var e in electricity)
                {
                    Run(command, e.Region.Value, WireName.Of(e.Domain), e.Industry, e.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Kwh);
                }
            }
            transaction.Commit();
        }
    }

    /// <summary>The provinces with any imported line.</summary>
    public List<RegionCode> Provinces() =>
        Query("SELECT DISTINCT substr(region, 1, 2) || '0000' FROM region_statistics UNION SELECT DISTINCT substr(region, 1, 2) || '0000' FROM region_electricity",
            null, r => RegionCode.TryParse(r.GetString(0), out var code) ? (object)code : null).Cast<RegionCode>().ToList();

    /// <summary>Every statistics line under <paramref name="province"/>.</summary>
    public List<StatisticsRecord> Statistics(RegionCode province) =>
        Query("SELECT region, period, domain, industry, energy_kind, quantity, unit FROM region_statistics WHERE substr(region, 1, 2) = $1",
            province.Value[..2], r => Period.TryParse(r.GetString(1), out var p) && RegionalDomains.TryParse(r.GetString(2), out var d)
                ? new StatisticsRecord(RegionCode.Parse(r.GetString(0)), p, d, r.GetString(3), r.GetString(4), r.GetDouble(5), r.GetString(6)) : null);

    /// <summary>Every electricity line under <paramref name="province"/>.</summary>
    public List<ElectricityRecord> Electricity(RegionCode province) =>
        Query("SELECT region, domain, industry, day, kwh FROM region_electricity WHERE substr(region, 1, 2) = $1",
            province.Value[..2], r => RegionalDomains.TryParse(r.GetString(1), out var d)
                ? new ElectricityRecord(RegionCode.Parse(r.GetString(0)), d, r.GetString(2), DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetDouble(4)) : null);

    private List<T> Query<T>(string sql, string? arg, Func<SqliteDataReader, T?> map) where T : class
    {
        lock (_lock)
        {
            using var command = Command(sql, arg is null ? 0 : 1);
            if (arg is not null) command.Parameters[0].Value = arg;
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                if (map(reader) is { } row)
                {
                    rows.Add(row);
                }
            }
            return rows;
        }
    }

    private SqliteCommand Command(string sql, int parameters, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
