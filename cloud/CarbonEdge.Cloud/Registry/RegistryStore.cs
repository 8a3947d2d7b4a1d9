using System.Text.Json;
using System.Text.RegularExpressions;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regions;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Registry;

/// <summary>
/// The cloud registry in SQLite: enterprises, sites, devices (what readings are tagged with and what estimation needs
/// of each meter), monthly energy reports and verified annual figures (what the energy-ratio and enterprise-factor
/// models need), the last telemetry <c>seq</c> per gateway, and dead letters (messages that could not be used,
/// kept whole with the reason). Devices are cached in memory for the ingestion path. Thread-safe.
/// </summary>
internal sealed partial class RegistryStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private RegistryStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens or creates the registry database at <paramref name="path"/>.</summary>
    public static RegistryStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var store = new RegistryStore(connection);
        store.Execute("""
            PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;
            CREATE TABLE IF NOT EXISTS enterprise (id TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL, industry TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS site (id TEXT PRIMARY KEY, enterprise TEXT NOT NULL REFERENCES enterprise(id), name TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS device (site TEXT NOT NULL REFERENCES site(id), id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                multiplier REAL NOT NULL, rollover_kwh REAL, interval_s INTEGER NOT NULL, PRIMARY KEY (site, id));
            CREATE TABLE IF NOT EXISTS gateway_seq (site TEXT NOT NULL, gateway TEXT NOT NULL, last_seq INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL, PRIMARY KEY (site, gateway));
            CREATE TABLE IF NOT EXISTS energy_report (enterprise TEXT NOT NULL REFERENCES enterprise(id), month TEXT NOT NULL,
                energy_kind TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (enterprise, month, energy_kind));
            CREATE TABLE IF NOT EXISTS verified_emissions (enterprise TEXT NOT NULL REFERENCES enterprise(id), year INTEGER NOT NULL,
                tco2 REAL NOT NULL, mwh REAL NOT NULL, document TEXT, revision INTEGER NOT NULL, PRIMARY KEY (enterprise, year));
            CREATE TABLE IF NOT EXISTS dead_letter (id INTEGER PRIMARY KEY AUTOINCREMENT, received_ms INTEGER NOT NULL,
                topic TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL, payload BLOB NOT NULL);
            """);
        store.CreateAccountTables();
        store.CreateFactorTable();
        store.CreateChangeTable();
        store.Reload();
        return store;
    }

    /// <summary>
    /// Inserts or updates the enterprises, sites, devices, energy reports and verified figures of a seed file (JSON,
    /// camelCase members).
    /// </summary>
    /// <param name="seedPath">The seed file.</param>
    /// <param name="factors">The factor library whose energy kinds reports may name; the embedded one when null.</param>
    /// <exception cref="InvalidDataException">The file is not valid JSON of the seed shape, or an entry is invalid (named).</exception>
    public void Seed(string seedPath, FactorLibrary? factors = null)
    {
        RegistrySeed seed;
        try
        {
            seed = JsonSerializer.Deserialize(File.ReadAllBytes(seedPath), RegistryJsonContext.Default.RegistrySeed)
                   ?? throw new InvalidDataException($"{seedPath}: empty seed");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{seedPath}: {ex.Message}", ex);
        }
        Seed(seed, seedPath, factors);
    }

    /// <summary>
    /// Inserts or updates a seed. A report line replaces the line of the same enterprise, month and energy kind; verified
    /// figures replace those of the same enterprise and year, and raise their revision when they change.
    /// </summary>
    /// <param name="seed">What to insert or update.</param>
    /// <param name="source">Named in errors.</param>
    /// <param name="factors">The factor library whose energy kinds reports may name; the embedded one when null.</param>
    /// <exception cref="InvalidDataException">An entry is invalid (named, with <paramref name="source"/>).</exception>
    public void Seed(RegistrySeed seed, string source = "seed", FactorLibrary? factors = null)
    {
        foreach (var e in seed.Enterprises)
        {
            Require(TelemetryTopics.IsValidId(e.Id), source, $"enterprise id '{e.Id}' must match [a-z0-9-]{{1,64}}");
            Require(RegionCode.TryParse(e.Region, out _), source, $"enterprise {e.Id}: region '{e.Region}' must be a six-digit GB/T 2260 code");
            Require(IndustryCode().IsMatch(e.Industry), source, $"enterprise {e.Id}: industry '{e.Industry}' must be a GB/T 4754 code (letter or 2-4 digits)");
        }
        var enterpriseIds = seed.Enterprises.Select(e => e.Id).Concat(Enterprises().Select(e => e.Id)).ToHashSet();
        foreach (var s in seed.Sites)
        {
            Require(TelemetryTopics.IsValidId(s.Id), source, $"site id '{s.Id}' must match [a-z0-9-]{{1,64}}");
            Require(enterpriseIds.Contains(s.Enterprise), source, $"site {s.Id}: unknown enterprise '{s.Enterprise}'");
        }
        var siteIds = seed.Sites.Select(s => s.Id).Concat(Sites().Select(s => s.Id)).ToHashSet();
        foreach (var d in seed.Devices)
        {
            Require(TelemetryTopics.IsValidId(d.Id), source, $"device id '{d.Id}' must match [a-z0-9-]{{1,64}}");
            Require(siteIds.Contains(d.Site), source, $"device {d.Id}: unknown site '{d.Site}'");
            Require(d.Kind is DeviceKinds.Meter or DeviceKinds.Cems, source, $"device {d.Id}: kind must be meter or cems");
            Require(d.Multiplier > 0, source, $"device {d.Id}: multiplier must be > 0");
            Require(d.RolloverKwh is null or > 0, source, $"device {d.Id}: rolloverKwh must be > 0 or null");
            Require(d.IntervalSeconds > 0, source, $"device {d.Id}: intervalSeconds must be > 0");
        }
        var kinds = seed.Reports.Count > 0 ? new ReportKinds(factors ?? FactorLibrary.LoadEmbedded()) : null;
        foreach (var r in seed.Reports)
        {
            string line = $"report {r.Enterprise} {r.Month} {r.EnergyKind}";
            Require(enterpriseIds.Contains(r.Enterprise), source, $"{line}: unknown enterprise '{r.Enterprise}'");
            Require(Period.TryParse(r.Month, out var month) && month.Kind == PeriodKind.Month, source, $"{line}: month '{r.Month}' must be YYYY-MM");
            var problem = kinds!.KindProblem(r.EnergyKind) ?? kinds.UnitProblem(r.EnergyKind, r.Unit);
            Require(problem is null, source, $"{line}: {problem}");
            Require(double.IsFinite(r.Quantity) && r.Quantity >= 0, source, $"{line}: quantity {r.Quantity} must be >= 0");
        }
        foreach (var v in seed.Verified)
        {
            string line = $"verified {v.Enterprise} {v.Year}";
            Require(enterpriseIds.Contains(v.Enterprise), source, $"{line}: unknown enterprise '{v.Enterprise}'");
            Require(v.Year is >= 1990 and <= 9999, source, $"{line}: year must be 1990..9999");
            Require(double.IsFinite(v.Tco2) && v.Tco2 > 0, source, $"{line}: tco2 {v.Tco2} must be > 0");
            Require(double.IsFinite(v.Mwh) && v.Mwh > 0, source, $"{line}: mwh {v.Mwh} must be > 0");
        }
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var e in seed.Enterprises)
                Execute("INSERT INTO enterprise (id, name, region, industry) VALUES ($1, $2, $3, $4) ON CONFLICT(id) DO UPDATE SET name = $2, region = $3, industry = $4",
                    e.Id, e.Name, e.Region, e.Industry);
            foreach (var s in seed.Sites)
                Execute("INSERT INTO site (id, enterprise, name) VALUES ($1, $2, $3) ON CONFLICT(id) DO UPDATE SET enterprise = $2, name = $3",
                    s.Id, s.Enterprise, s.Name);
            foreach (var d in seed.Devices)
                Execute("""
                    INSERT INTO device (site, id, kind, name, multiplier, rollover_kwh, interval_s) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT(site, id) DO UPDATE SET kind = $3, name = $4, multiplier = $5, rollover_kwh = $6, interval_s = $7
                    """, d.Site, d.Id, d.Kind, d.Name, d.Multiplier, d.RolloverKwh, d.IntervalSeconds);
            foreach (var r in seed.Reports)
                Execute("""
                    INSERT INTO energy_report (enterprise, month, energy_kind, quantity, unit) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT(enterprise, month, energy_kind) DO UPDATE SET quantity = $4, unit = $5
                    """, r.Enterprise, r.Month, r.EnergyKind, r.Quantity, r.Unit);
            foreach (var v in seed.Verified)
                Execute("""
                    INSERT INTO verified_emissions (enterprise, year, tco2, mwh, document, revision) VALUES ($1, $2, $3, $4, $5, 1)
                    ON CONFLICT(enterprise, year) DO UPDATE SET tco2 = $3, mwh = $4, document = $5,
                        revision = revision + (tco2 IS NOT $3 OR mwh IS NOT $4)
                    """, v.Enterprise, v.Year, v.Tco2, v.Mwh, v.Document);
            NoteDeviceChange();
            transaction.Commit();
        }
        Reload();
    }

    /// <summary>All enterprises, by id.</summary>
    public IReadOnlyList<EnterpriseInfo> Enterprises() =>
        Query("SELECT id, name, region, industry FROM enterprise ORDER BY id", r => new EnterpriseInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));

    /// <summary>All sites, by id.</summary>
    public IReadOnlyList<SiteInfo> Sites() =>
        Query("SELECT id, enterprise, name FROM site ORDER BY id", r => new SiteInfo(r.GetString(0), r.GetString(1), r.GetString(2)));

    /// <summary>Every enterprise's energy report lines for <paramref name="month"/> (<c>YYYY-MM</c>), by enterprise and energy kind.</summary>
    public IReadOnlyList<EnergyReportLine> EnergyReports(string month) =>
        Query("SELECT enterprise, month, energy_kind, quantity, unit FROM energy_report WHERE month = $1 ORDER BY enterprise, energy_kind",
            r => new EnergyReportLine(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetString(4)), month);

    /// <summary>The ids of the enterprises with an energy report line in any month (their missing months are notices).</summary>
    public IReadOnlySet<string> ReportingEnterprises() =>
        Query("SELECT DISTINCT enterprise FROM energy_report", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every enterprise's verified annual figures, by enterprise and year.</summary>
    public IReadOnlyList<VerifiedEmissions> Verified() =>
        Query("SELECT enterprise, year, tco2, mwh, document, revision FROM verified_emissions ORDER BY enterprise, year",
            r => new VerifiedEmissions(r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4))
            {
                Revision = r.GetInt32(5),
            });

    /// <summary>
    /// Records <paramref name="seq"/> as the latest from a gateway and says how it relates to the previous one.
    /// A repeat does not lower the stored value.
    /// </summary>
    public (SeqCheck Check, long Previous) RecordSeq(string site, string gateway, long seq, DateTimeOffset now) =>
        RecordSeqs([(site, gateway, seq)], now)[0];

    /// <summary>Keeps a message that could not be used, whole, with why.</summary>
    public void DeadLetter(string topic, ReadOnlySpan<byte> payload, string reason, string detail, DateTimeOffset now)
    {
        lock (_lock)
        {
            Execute("INSERT INTO dead_letter (received_ms, topic, reason, detail, payload) VALUES ($1, $2, $3, $4, $5)",
                now.ToUnixTimeMilliseconds(), topic, reason, detail, payload.ToArray());
        }
    }

    /// <summary>Number of dead letters kept.</summary>
    public long DeadLetterCount()
    {
        lock (_lock) return (long)Scalar("SELECT count(*) FROM dead_letter")!;
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>True for a GB/T 4754 industry code as the registry accepts it: a section letter A-T or 2 to 4 digits.</summary>
    public static bool IsIndustryCode(string code) => IndustryCode().IsMatch(code);

    private static void Require(bool condition, string source, string message)
    {
        if (!condition) throw new InvalidDataException($"{source}: {message}");
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] args)
    {
        lock (_lock)
        {
            using var command = Bind(sql, args);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(map(reader));
            return rows;
        }
    }

    private void Execute(string sql, params object?[] args)
    {
        using var command = Bind(sql, args);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params object?[] args)
    {
        using var command = Bind(sql, args);
        return command.ExecuteScalar();
    }

    private SqliteCommand Bind(string sql, object?[] args)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < args.Length; i++) command.Parameters.AddWithValue($"${i + 1}", args[i] ?? DBNull.Value);
        return command;
    }

    [GeneratedRegex(@"^([A-T]|\d{2,4})$")]
    private static partial Regex IndustryCode();
}
