using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;
using EnterpriseInfo = CarbonEdge.Cloud.Registry.EnterpriseInfo;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>
/// <c>carbon_rollup</c> after estimation runs, on a real influxd: enterprise months, quarters and years, industries,
/// counties, cities and provinces (and regions over one industry), with children missing, completeness and the check
/// against the register readings at the span's ends; re-runs overwrite.
/// </summary>
public sealed class RollupRebuilderTests : IAsyncLifetime
{
    private static readonly DateOnly Nov19 = new(2026, 11, 19), Nov20 = new(2026, 11, 20), Nov21 = new(2026, 11, 21);
    private static readonly DateTimeOffset Nov18At22 = new(2026, 11, 18, 14, 0, 0, TimeSpan.Zero); // 22:00 Asia/Shanghai
    private EstimationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await EstimationRig.StartAsync("rollups", new RegistrySeed
        {
            Enterprises =
            [
                new EnterpriseInfo("ent-1", "Kunshan Steel", "320583", "3130"),   // Kunshan county, Suzhou city, Jiangsu
                new EnterpriseInfo("ent-2", "Changshu Iron", "320581", "3110"),   // Changshu county, Suzhou city, Jiangsu
                new EnterpriseInfo("ent-3", "Shijiazhuang Steel", "130102", "3130"), // Chang'an district, Shijiazhuang, Hebei
            ],
            Sites = [new SiteInfo("s-1", "ent-1", "Mill"), new SiteInfo("s-2", "ent-2", "Furnace"), new SiteInfo("s-3", "ent-3", "Mill")],
            Devices =
            [
                new DeviceInfo("s-1", "m-1", "meter", "Incomer", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 900),
                new DeviceInfo("s-2", "m-2", "meter", "Incomer", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 900),
                new DeviceInfo("s-3", "m-3", "meter", "Incomer", Multiplier: 10, RolloverKwh: 9999.99, IntervalSeconds: 900),
            ],
        }, now: new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));
        // 15-minute register readings from 22:00 on 18 November to 02:00 on 22 November (local):
        // m-1 100 kWh/h = 2400 kWh a day; m-2 50 kWh/h = 1200 kWh a day;
        // m-3 2.5 register kWh/h x multiplier 10 = 600 kWh a day, its register wrapping at 9999.99 on 20 November.
        const int minutes = (3 * 24 + 4) * 60;
        await _rig.WriteRegisterAsync("s-1", "m-1", Nov18At22, minutes, 50_000, 100.0 / 60, stepMinutes: 15);
        await _rig.WriteRegisterAsync("s-2", "m-2", Nov18At22, minutes, 7_000, 50.0 / 60, stepMinutes: 15);
        await _rig.WriteAsync("s-3", "gw-01", Enumerable.Range(0, minutes / 15 + 1).Select(i => CarbonEdge.Protocols.Telemetry.Reading.Good("m-3",
            CarbonEdge.Protocols.Telemetry.Points.EnergyActiveImport, Math.Round((9_900 + 2.5 / 4 * i) % 10_000, 2), Nov18At22.AddMinutes(15 * i))));
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<InfluxRow> RollupAsync(string where, string period, string start)
    {
        var rows = await _rig.RowsAsync($"SELECT * FROM carbon_rollup WHERE {where} AND period = '{period}' AND time = '{start}'");
        return Assert.Single(rows);
    }

    [Fact]
    public async Task Two_days_roll_up_to_enterprise_periods_and_every_parent_checked_against_the_registers()
    {
        var run = await _rig.Run.RunAsync([Nov19, Nov20], default);

        // ent-1's November: 2 x 2400 kWh; 28 of 30 days missing; reference = register at 21 Nov 00:00 - at 19 Nov 00:00 = 4800 kWh
        var month = await RollupAsync("level = 'enterprise' AND enterprise = 'ent-1'", "month", "2026-10-31T16:00:00Z");
        Assert.Equal(4800, month.Number("kwh"), 6);
        Assert.Equal(4.8 * 0.5703, month.Number("tco2"), 9);
        Assert.Equal(2, month.Number("children"));
        Assert.Equal(28, month.Number("children_missing"));
        Assert.Equal(2.0 / 30, month.Number("completeness"), 9);
        Assert.Equal(true, month.Values["estimated"]);
        Assert.Equal("kwh,tco2", month.Values["checked"]);
        Assert.Equal(4800, month.Number("reference_kwh"), 6);
        Assert.Equal(4.8 * 0.5703, month.Number("reference_tco2"), 9);
        Assert.Equal(true, month.Values["consistent"]);
        Assert.Equal("grid", month.Values["method"]);
        Assert.Equal("2", month.Values["scope"]);
        Assert.Equal("grid.ets_reporting.CN.2022@v1", month.Values["factor_version"]);
        // Q4 holds one month of three; 2026 one quarter of four
        var quarter = await RollupAsync("level = 'enterprise' AND enterprise = 'ent-1'", "quarter", "2026-09-30T16:00:00Z");
        Assert.Equal((1, 2), ((int)quarter.Number("children"), (int)quarter.Number("children_missing")));
        var year = await RollupAsync("level = 'enterprise' AND enterprise = 'ent-1'", "year", "2025-12-31T16:00:00Z");
        Assert.Equal((1, 3), ((int)year.Number("children"), (int)year.Number("children_missing")));
        Assert.Equal(4800, year.Number("kwh"), 6);

        // ent-3's register wrapped at 9999.99 on the 20th: the days unwrap it, and so does the reference over the span
        var wrapped = await RollupAsync("level = 'enterprise' AND enterprise = 'ent-3'", "month", "2026-10-31T16:00:00Z");
        Assert.Equal(1200, wrapped.Number("kwh"), 6);
        Assert.Equal(1200, wrapped.Number("reference_kwh"), 6);
        Assert.Equal(true, wrapped.Values["consistent"]);

        // A county's day: its one enterprise. Suzhou city's month: two counties, 4800 + 2400 kWh. Jiangsu: one city.
        var county = await RollupAsync("level = 'county' AND region = '320583' AND industry = ''", "day", "2026-11-19T16:00:00Z");
        Assert.Equal((2400.0, 1, 0), (Math.Round(county.Number("kwh"), 6), (int)county.Number("children"), (int)county.Number("children_missing")));
        Assert.Equal("", county.Values["checked"]); // days are the leaves: nothing independent to check against
        var city = await RollupAsync("level = 'city' AND region = '320500' AND industry = ''", "month", "2026-10-31T16:00:00Z");
        Assert.Equal(7200, city.Number("kwh"), 6);
        Assert.Equal(7200, city.Number("reference_kwh"), 6);
        Assert.Equal(2, city.Number("children"));
        Assert.Equal(0, city.Number("children_missing"));
        var province = await RollupAsync("level = 'province' AND region = '320000' AND industry = ''", "month", "2026-10-31T16:00:00Z");
        Assert.Equal((7200.0, 1), (Math.Round(province.Number("kwh"), 6), (int)province.Number("children")));
        // Industry 3130 across provinces: ent-1 and ent-3
        var industry = await RollupAsync("level = 'industry' AND industry = '3130'", "month", "2026-10-31T16:00:00Z");
        Assert.Equal((6000.0, 2), (Math.Round(industry.Number("kwh"), 6), (int)industry.Number("children")));
        // Suzhou limited to industry 3130: ent-1 only; Hebei limited to 3130: ent-3
        var suzhouSteel = await RollupAsync("level = 'city' AND region = '320500' AND industry = '3130'", "month", "2026-10-31T16:00:00Z");
        Assert.Equal((4800.0, 1), (Math.Round(suzhouSteel.Number("kwh"), 6), (int)suzhouSteel.Number("children")));
        var hebeiSteel = await RollupAsync("level = 'province' AND region = '130000' AND industry = '3130'", "year", "2025-12-31T16:00:00Z");
        Assert.Equal(1200, hebeiSteel.Number("kwh"), 6);

        Assert.Equal(run.Rollups.Count, (await _rig.RowsAsync("SELECT * FROM carbon_rollup")).Count);
        Assert.All(run.Rollups, r => Assert.True(r.Row.Consistent, $"{r.Row.Key} {r.Row.Period}"));
    }

    [Fact]
    public async Task Days_run_one_at_a_time_roll_up_as_together_and_re_runs_overwrite()
    {
        await _rig.Run.RunAsync([Nov19], default);
        var afterFirst = await _rig.RowsAsync("SELECT * FROM carbon_rollup");
        await _rig.Run.RunAsync([Nov20], default);
        await _rig.Run.RunAsync([Nov20], default);

        var month = await RollupAsync("level = 'enterprise' AND enterprise = 'ent-2'", "month", "2026-10-31T16:00:00Z");
        Assert.Equal(2400, month.Number("kwh"), 6);
        Assert.Equal(2, month.Number("children"));
        Assert.Equal(2400, month.Number("reference_kwh"), 6);
        // the same month, quarter and year rows, plus the day rows of the 20th: 3 enterprises x 3 periods + regions and industries
        var all = await _rig.RowsAsync("SELECT * FROM carbon_rollup");
        var dayRowsOf20th = all.Count(r => r.Values["period"] as string == "day" && r.Number("time") == new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        Assert.Equal(afterFirst.Count + dayRowsOf20th, all.Count);
    }

    [Fact]
    public async Task A_day_missing_between_two_is_caught_by_the_check_against_the_registers()
    {
        var run = await _rig.Run.RunAsync([Nov19, Nov21], default);

        // the register says 3 x 2400 kWh from the 19th to the 21st; the days present sum to 2 x 2400
        var month = await RollupAsync("level = 'enterprise' AND enterprise = 'ent-1'", "month", "2026-10-31T16:00:00Z");
        Assert.Equal(4800, month.Number("kwh"), 6);
        Assert.Equal(7200, month.Number("reference_kwh"), 6);
        Assert.Equal(false, month.Values["consistent"]);
        // parents sum their enterprises' references: Suzhou is off too
        var city = await RollupAsync("level = 'city' AND region = '320500' AND industry = ''", "month", "2026-10-31T16:00:00Z");
        Assert.Equal(false, city.Values["consistent"]);
        Assert.Contains(run.Rollups, r => r.Row.Key == "ent-2" && !r.Row.Consistent);
    }
}
