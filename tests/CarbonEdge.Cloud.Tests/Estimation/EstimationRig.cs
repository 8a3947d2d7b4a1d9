using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Rollups;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Cloud.Tests.Export;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>
/// The cloud's estimation parts wired as the service wires them, on a real influxd and a real SQLite registry, with a
/// fixed clock. Readings are written as the ingestion writes them (<see cref="ReadingPoints"/>).
/// </summary>
internal sealed class EstimationRig : IAsyncDisposable
{
    public const string Database = "carbonedge";
    private readonly HttpClient _http = new();

    private EstimationRig(InfluxServer influx, RegistryStore registry, EstimationOptions options, DateTimeOffset now)
    {
        Influx = influx;
        Registry = registry;
        Options = options;
        var connection = new InfluxConnection(_http, new InfluxOptions { Url = influx.Url, Database = Database });
        var query = new InfluxQueryClient(connection);
        Writer = new InfluxWriter(connection, NullLogger<InfluxWriter>.Instance);
        Readings = new ReadingQuery(query, options);
        Factors = new FactorCatalog(FactorLibrary.LoadEmbedded(), registry);
        Estimator = new DailyEstimator(registry, new MeterDays(Readings, options, new FixedTime(now)), Readings, Writer, options, Factors,
            NullLogger<DailyEstimator>.Instance, new EventHubsExport(Hub));
        Rollups = new RollupRebuilder(registry, query, Writer, new RollupReferences(registry, Readings, options), Factors, options,
            NullLogger<RollupRebuilder>.Instance);
        Run = new EstimationRun(Estimator, Rollups);
        Resolver = new LateDayResolver(Readings, options);
    }

    public InfluxServer Influx { get; }
    /// <summary>The Event Hubs producer the estimator exports daily results to.</summary>
    public RecordingProducer Hub { get; } = new(failures: 0);
    public RegistryStore Registry { get; }
    public EstimationOptions Options { get; }
    public InfluxWriter Writer { get; }
    public ReadingQuery Readings { get; }
    public FactorCatalog Factors { get; }
    public DailyEstimator Estimator { get; }
    public RollupRebuilder Rollups { get; }
    public EstimationRun Run { get; }
    public LateDayResolver Resolver { get; }

    /// <summary>Starts influxd, creates the database and seeds a fresh registry; the clock stands at <paramref name="now"/>.</summary>
    public static async Task<EstimationRig> StartAsync(string name, RegistrySeed seed, DateTimeOffset now, EstimationOptions? options = null)
    {
        var influx = await InfluxServer.StartAsync(name);
        await influx.CreateDatabaseAsync(Database);
        var registry = RegistryStore.Open(RunFolder.Create(name + "-registry").File("registry.db"));
        registry.Seed(seed);
        return new EstimationRig(influx, registry, options ?? new EstimationOptions(), now);
    }

    /// <summary>
    /// Writes register readings of a meter every <paramref name="stepMinutes"/> from <paramref name="from"/> for
    /// <paramref name="minutes"/> minutes (inclusive), value = <paramref name="start"/> + <paramref name="kwhPerMinute"/> x minutes since <paramref name="from"/>.
    /// </summary>
    public Task WriteRegisterAsync(string site, string device, DateTimeOffset from, int minutes, double start, double kwhPerMinute,
        int stepMinutes = 1, Func<int, bool>? keep = null, string gateway = "gw-01") =>
        WriteAsync(site, gateway, Enumerable.Range(0, minutes / stepMinutes + 1).Select(i => i * stepMinutes).Where(m => keep?.Invoke(m) ?? true)
            .Select(m => Reading.Good(device, Points.EnergyActiveImport, start + kwhPerMinute * m, from.AddMinutes(m))));

    /// <summary>Writes readings of one gateway as the ingestion does.</summary>
    public async Task WriteAsync(string site, string gateway, IEnumerable<Reading> readings)
    {
        var points = readings.Select(r => ReadingPoints.From(site, gateway, r, Registry.FindDevice(site, r.Device))).ToList();
        var result = await Writer.WriteAsync(points, default);
        Assert.Empty(result.Rejected);
    }

    /// <summary>Rows of a query on the database.</summary>
    public Task<IReadOnlyList<InfluxRow>> RowsAsync(string influxQl) => Influx.RowsAsync(Database, influxQl);

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        _http.Dispose();
        await Influx.DisposeAsync();
    }

    /// <summary>A clock that stands still.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
