using System.Text.Json;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Protocols.Telemetry;
using EnterpriseInfo = CarbonEdge.Cloud.Registry.EnterpriseInfo;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>The daily estimate read from and written to a real influxd, with a real SQLite registry.</summary>
public sealed class DailyEstimatorTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset LocalMidnightUtc = new(2026, 11, 19, 16, 0, 0, TimeSpan.Zero); // 00:00 Asia/Shanghai
    private EstimationRig _rig = null!;

    public async Task InitializeAsync() => _rig = await EstimationRig.StartAsync("estimator", new RegistrySeed
    {
        Enterprises = [new EnterpriseInfo("ent-1", "Demo Steel", "320583", "3130")],
        Sites = [new SiteInfo("plant-01", "ent-1", "Mill")],
        Devices =
        [
            new DeviceInfo("plant-01", "m-1", "meter", "Incomer", Multiplier: 2, RolloverKwh: null, IntervalSeconds: 60),
            new DeviceInfo("plant-01", "m-2", "meter", "Line 2", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 60),
        ],
    }, now: LocalMidnightUtc.AddDays(3));

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    /// <summary>Minute readings from 1 h before local midnight to 1 h after the next, register = start + rate x minutes.</summary>
    private Task WriteRegisterAsync(string device, string gateway, double start, double kwhPerMinute, Func<int, bool>? keep = null) =>
        _rig.WriteRegisterAsync("plant-01", device, LocalMidnightUtc.AddMinutes(-60), 1440 + 120, start - 60 * kwhPerMinute, kwhPerMinute,
            keep: keep is null ? null : m => keep(m - 60), gateway: gateway);

    [Fact]
    public async Task Writes_kwh_times_multiplier_and_tco2_at_the_ets_grid_factor()
    {
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);

        var result = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results);

        // m-1: 0.5 kWh/min x 1440 min x multiplier 2 = 1440 kWh; m-2: 0.25 x 1440 = 360 kWh
        Assert.Equal(1800, result.Kwh, 6);
        // formula 2: 1800 kWh = 1.8 MWh x 0.5703 tCO2/MWh (ETS reporting factor 2022)
        Assert.Equal(1.8 * 0.5703, result.Tco2, 9);
        Assert.Equal(1.0, result.Completeness);
        Assert.False(result.Estimated);
        Assert.Equal("grid.ets_reporting.CN.2022@v1", result.FactorVersion);

        var row = Assert.Single(await _rig.RowsAsync("SELECT * FROM carbon_daily"));
        Assert.Equal(LocalMidnightUtc.ToUnixTimeMilliseconds(), row.Number("time"));
        Assert.Equal(1800, row.Number("kwh"), 6);
        Assert.Equal(1.8 * 0.5703, row.Number("tco2"), 9);
        Assert.Equal("grid", row.Values["method"]);
        Assert.Equal("2", row.Values["scope"]);
        Assert.Equal("320583", row.Values["region"]);
        Assert.Equal("3130", row.Values["industry"]);
        Assert.Equal(false, row.Values["estimated"]);
        Assert.Equal("grid.ets_reporting.CN.2022@v1", row.Values["factor_version"]);

        // the same row goes to Event Hubs, partitioned by enterprise
        var (partition, events) = Assert.Single(_rig.Hub.Sent);
        Assert.Equal("ent-1", partition);
        var daily = Assert.Single(events);
        Assert.Equal(DailyResultEvents.Schema, daily.Properties["schema"]);
        using var body = JsonDocument.Parse(daily.EventBody.ToMemory());
        Assert.Equal("2026-11-20", body.RootElement.GetProperty("day").GetString());
        Assert.Equal("2026-11-19T16:00:00Z", body.RootElement.GetProperty("dayStart").GetString());
        Assert.Equal(1.8 * 0.5703, body.RootElement.GetProperty("tco2").GetDouble(), 9);
    }

    [Fact]
    public async Task A_day_no_reading_bears_on_is_not_estimated_and_writes_nothing()
    {
        // readings only from two days later (a backfill that starts after this day): nothing to estimate the day from
        await _rig.WriteRegisterAsync("plant-01", "m-1", LocalMidnightUtc.AddDays(2), 600, 10_000, 0.5);
        var estimate = await _rig.Estimator.EstimateAsync(Day, default);
        Assert.Empty(estimate.Results);
        Assert.Contains(estimate.Notices, n => n.Contains("not estimated"));
        Assert.Empty(await _rig.RowsAsync("SELECT * FROM carbon_daily"));
    }

    [Fact]
    public async Task Today_so_far_ends_at_each_meters_latest_reading_and_is_measured()
    {
        // both meters read every minute from 1 h before midnight up to 06:00 local; the clock stands at 06:00:40
        await _rig.WriteRegisterAsync("plant-01", "m-1", LocalMidnightUtc.AddMinutes(-60), 420, 10_000, 0.5);
        await _rig.WriteRegisterAsync("plant-01", "m-2", LocalMidnightUtc.AddMinutes(-60), 420, 500, 0.25);
        var soFar = Assert.Single((await _rig.Estimator.ComputeAsync(Day, default, until: LocalMidnightUtc.AddHours(6).AddSeconds(40))).Results);
        // 360 min x (0.5 x 2 + 0.25) kWh/min = 450 kWh, nothing extrapolated past the readings at 06:00
        Assert.Equal(450, soFar.Kwh, 6);
        Assert.False(soFar.Estimated);
        Assert.Equal(1.0, soFar.Completeness);
    }

    [Fact]
    public async Task Running_a_day_again_overwrites_its_row()
    {
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5);
        await _rig.Estimator.EstimateAsync(Day, default);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        await _rig.Estimator.EstimateAsync(Day, default);
        var row = Assert.Single(await _rig.RowsAsync("SELECT * FROM carbon_daily"));
        Assert.Equal(1800, row.Number("kwh"), 6);
    }

    [Fact]
    public async Task A_gap_across_midnight_beyond_the_window_is_estimated_and_incomplete()
    {
        // m-1 silent from 21:00 the evening before to 03:00 (3 h each side of midnight): boundary outside the 2 h window
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5, keep: m => m is < -180 or > 180);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        var result = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results);
        Assert.True(result.Estimated);
        Assert.True(result.Completeness < 1);
        // linear gap fill over a linear register gives the same energy back
        Assert.Equal(1800, result.Kwh, 3);
    }

    [Fact]
    public async Task A_meter_silent_all_day_shares_the_register_increment_between_its_readings_days_away()
    {
        // m-1 read at 12:00 two days before and at 12:00 the day after, nothing in between (a gateway down for three days):
        // the estimator looks beyond the 2 h window (GapSearchDays 7) and splits the 72 h increment linearly:
        // 0.5 kWh/min x 1440 min x multiplier 2 = 1440 kWh for the day, as if it had been read.
        await _rig.WriteRegisterAsync("plant-01", "m-1", LocalMidnightUtc.AddHours(-36), 72 * 60, 10_000, 0.5, stepMinutes: 72 * 60);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);

        var result = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results);

        Assert.Equal(1800, result.Kwh, 6);
        Assert.True(result.Estimated);
        Assert.Equal(0.5, result.Completeness, 9); // m-2's 1440 intervals of 2880 expected
    }

    [Fact]
    public async Task Readings_of_a_device_through_two_gateways_are_merged()
    {
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5, keep: m => m % 2 == 0);
        await WriteRegisterAsync("m-1", "gw-backfill", 10_000, 0.5, keep: m => m % 2 != 0);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        var result = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results);
        Assert.Equal(1800, result.Kwh, 6);
        Assert.Equal(1.0, result.Completeness);
    }

    [Fact]
    public async Task Uncertain_and_bad_readings_are_not_used()
    {
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5);
        // At 12:00 the register shows an implausible value flagged uncertain, and at 12:01 the meter answered with an error.
        var noon = LocalMidnightUtc.AddHours(12);
        await _rig.WriteAsync("plant-01", "gw-01",
        [
            new CarbonEdge.Protocols.Telemetry.Reading("m-1", CarbonEdge.Protocols.Telemetry.Points.EnergyActiveImport, 999_999, "kWh", noon,
                CarbonEdge.Protocols.Telemetry.ReadingQuality.Uncertain),
            CarbonEdge.Protocols.Telemetry.Reading.Bad("m-1", CarbonEdge.Protocols.Telemetry.Points.EnergyActiveImport, noon.AddMinutes(1), "exception 0x02"),
        ]);

        var result = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results);

        Assert.Equal(1800, result.Kwh, 6);
        Assert.DoesNotContain(result.Events, e => e.Kind is CarbonEdge.Estimation.EstimationEventKind.NegativeDelta);
        // the two replaced readings leave two of m-1's 1440 intervals without a good reading
        Assert.Equal((2880 - 2) / 2880.0, result.Completeness, 9);
    }

    [Fact]
    public async Task A_meter_with_frozen_values_at_both_midnights_takes_the_day_from_them_exactly()
    {
        // m-1 silent 3 h each side of both midnights (its register day would be estimated), but it froze 10_000.00 kWh at
        // 00:00 and 10_720.25 kWh at the next 00:00 (meter's freeze times): (10_720.25 - 10_000.00) x multiplier 2 =
        // 1440.5 kWh exactly; m-2 from its register: 0.25 kWh/min x 1440 min = 360 kWh. Total 1800.5 kWh, measured.
        await WriteRegisterAsync("m-1", "gw-01", 10_000, 0.5, keep: m => m is > 180 and < 1260);
        await WriteRegisterAsync("m-2", "gw-02", 500, 0.25);
        await _rig.WriteAsync("plant-01", "gw-01",
        [
            Reading.Good("m-1", Points.EnergyActiveImportFrozen, 10_000.00, LocalMidnightUtc),
            Reading.Good("m-1", Points.EnergyActiveImportFrozen, 10_720.25, LocalMidnightUtc.AddDays(1)),
            Reading.Good("m-1", Points.EnergyActiveImportFrozen, 10_999.99, LocalMidnightUtc.AddDays(2)),
        ]);

        var result = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results);

        Assert.Equal(1800.5, result.Kwh, 9);
        Assert.False(result.Estimated);
        var frozen = Assert.Single(result.Events, e => e.Kind == EstimationEventKind.FrozenBoundary);
        Assert.Equal("plant-01/m-1", frozen.Subject);
        Assert.DoesNotContain(result.Events, e => e.Kind is EstimationEventKind.BoundaryEstimated or EstimationEventKind.GapFilled);
    }
}
