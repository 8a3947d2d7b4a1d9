using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>The daily estimate read from and written to a real influxd, with a real SQLite registry.</summary>
public sealed class DailyEstimatorTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset LocalMidnightUtc = new(2026, 11, 19, 16, 0, 0, TimeSpan.Zero); // 00:00 Asia/Shanghai
    private InfluxServer _influx = null!;
    private RegistryStore _registry = null!;
    private readonly HttpClient _http = new();
    private InfluxWriter _writer = null!;
    private DailyEstimator _estimator = null!;

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync("estimator");
        await _influx.CreateDatabaseAsync("carbonedge");
        var folder = RunFolder.Create("estimator-registry");
        _registry = RegistryStore.Open(folder.File("registry.db"));
        _registry.Seed(new RegistrySeed
        {
            Enterprises = [new EnterpriseInfo("ent-1", "Demo Steel", "320583", "3130")],
            Sites = [new SiteInfo("plant-01", "ent-1", "Mill")],
            Devices =
            [
                new DeviceInfo("plant-01", "m-1", "meter", "Incomer", Multiplier: 2, RolloverKwh: null, IntervalSeconds: 60),
                new DeviceInfo("plant-01", "m-2", "meter", "Line 2", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 60),
            ],
        });
        var connection = new InfluxConnection(_http, new InfluxOptions { Url = _influx.Url, Database = "carbonedge" });
        _writer = new InfluxWriter(connection, NullLogger<InfluxWriter>.Instance);
        var options = new EstimationOptions();
        _estimator = new DailyEstimator(_registry, new RegisterQuery(new InfluxQueryClient(connection)), _writer, options,
            FactorLibrary.LoadEmbedded(), NullLogger<DailyEstimator>.Instance);
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        _http.Dispose();
        await _influx.DisposeAsync();
    }

    /// <summary>Minute readings from 1 h before local midnight to 1 h after the next, register = start + rate x minutes.</summary>
    private async Task WriteRegisterAsync(string device, string gateway, double start, double kwhPerMinute, Func<int, bool>? keep = null)
    {
        var points = new List<LinePoint>();
        var device1 = _registry.FindDevice("plant-01", device);
        for (int minute = -60; minute <= 1440 + 60; minute++)
        {
            if (keep is not null && !keep(minute)) continue;
            var reading = Reading.Good(device, Points.EnergyActiveImport, start + kwhPerMinute * minute, LocalMidnightUtc.AddMinutes(minute));
            points.Add(ReadingPoints.From("plant-01", gateway, reading, device1));
        }
        var result = await _writer.WriteAsync(points, default);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public async Task Writes_kwh_times_multiplier_and_tco2_at_the_ets_grid_factor()
    {
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);

        var result = Assert.Single(await _estimator.EstimateAsync(Day, default));

        // m-1: 0.5 kWh/min x 1440 min x multiplier 2 = 1440 kWh; m-2: 0.25 x 1440 = 360 kWh
        Assert.Equal(1800, result.Kwh, 6);
        // formula 2: 1800 kWh = 1.8 MWh x 0.5703 tCO2/MWh (ETS reporting factor 2022)
        Assert.Equal(1.8 * 0.5703, result.Tco2, 9);
        Assert.Equal(1.0, result.Completeness);
        Assert.False(result.Estimated);
        Assert.Equal("grid.ets_reporting.CN.2022@v1", result.FactorVersion);

        var row = Assert.Single(await _influx.RowsAsync("carbonedge", "SELECT * FROM carbon_daily"));
        Assert.Equal(LocalMidnightUtc.ToUnixTimeMilliseconds(), row.Number("time"));
        Assert.Equal(1800, row.Number("kwh"), 6);
        Assert.Equal(1.8 * 0.5703, row.Number("tco2"), 9);
        Assert.Equal("grid", row.Values["method"]);
        Assert.Equal("2", row.Values["scope"]);
        Assert.Equal("320583", row.Values["region"]);
        Assert.Equal("3130", row.Values["industry"]);
        Assert.Equal(false, row.Values["estimated"]);
        Assert.Equal("grid.ets_reporting.CN.2022@v1", row.Values["factor_version"]);
    }

    [Fact]
    public async Task Running_a_day_again_overwrites_its_row()
    {
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5);
        await _estimator.EstimateAsync(Day, default);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        await _estimator.EstimateAsync(Day, default);
        var row = Assert.Single(await _influx.RowsAsync("carbonedge", "SELECT * FROM carbon_daily"));
        Assert.Equal(1800, row.Number("kwh"), 6);
    }

    [Fact]
    public async Task A_gap_across_midnight_beyond_the_window_is_estimated_and_incomplete()
    {
        // m-1 silent from 21:00 the evening before to 03:00 (3 h each side of midnight): boundary outside the 2 h window
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5, keep: m => m is < -180 or > 180);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        var result = Assert.Single(await _estimator.EstimateAsync(Day, default));
        Assert.True(result.Estimated);
        Assert.True(result.Completeness < 1);
        // linear gap fill over a linear register gives the same energy back
        Assert.Equal(1800, result.Kwh, 3);
    }

    [Fact]
    public async Task Readings_of_a_device_through_two_gateways_are_merged()
    {
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5, keep: m => m % 2 == 0);
        await WriteRegisterAsync("m-1", "gw-backfill", 10_000, 0.5, keep: m => m % 2 != 0);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        var result = Assert.Single(await _estimator.EstimateAsync(Day, default));
        Assert.Equal(1800, result.Kwh, 6);
        Assert.Equal(1.0, result.Completeness);
    }
}
