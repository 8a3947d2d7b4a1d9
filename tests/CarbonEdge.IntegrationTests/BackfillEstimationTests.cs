using System.Globalization;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// <c>cedge-sim history</c> publishes past days of two meters; the cloud ingests them, notices the late days and
/// estimates them: each day's kWh is the meters' simulated energy of that day, tCO2 = kWh / 1000 x 0.5703.
/// </summary>
public sealed class BackfillEstimationTests
{
    [Fact]
    public async Task Backfilled_days_are_estimated_as_the_meters_energy_times_the_grid_factor()
    {
        var settings = new[] { new MeterSettings(RegisterBaseKwh: 1000), new MeterSettings(Scale: 0.5, DayOffset: 40, RegisterBaseKwh: 500) };
        await using var rig = await PlantRig.StartAsync("backfill", settings, startGateway: false);

        await using (var history = ExternalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "history", "--days", "2", "--mqtt", rig.Broker.UrlWith(), "--ca-file", rig.Broker.CaFile!,
             "--site", PlantRig.Site, "--gateway", "history", "--meter", "m-1:register-base=1000", "--meter", "m-2:scale=0.5,day-offset=40,register-base=500"],
            rig.Folder.File("history.log")))
        {
            Assert.Equal(0, await history.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var days = new[] { today.AddDays(-2), today.AddDays(-1) };
        string path = $"/api/v1/enterprises/{PlantRig.Enterprise}/emissions/daily?from={days[0]:yyyy-MM-dd}&to={days[1]:yyyy-MM-dd}";
        // the cloud estimated yesterday at start-up, with no data yet (completeness 0); the backfill re-runs both days
        await Poll.UntilAsync("two complete daily estimates", TimeSpan.FromSeconds(60), async () =>
        {
            using var doc = await rig.GetAsync(path);
            var rows = doc.RootElement.GetProperty("days").EnumerateArray().ToList();
            return rows.Count == 2 && rows.All(r => r.GetProperty("completeness").GetDouble() == 1.0);
        });

        using var daily = await rig.GetAsync(path);
        foreach (var (row, day) in daily.RootElement.GetProperty("days").EnumerateArray().Zip(days))
        {
            Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.GetProperty("day").GetString());
            double expectedKwh = rig.Meters.Sum(m => m.Model.DayKwh(day));
            double kwh = row.GetProperty("kwh").GetDouble();
            Assert.True(Math.Abs(expectedKwh - kwh) <= expectedKwh * 1e-9, $"{day}: estimated {kwh:R} kWh, meters gave {expectedKwh:R} kWh");
            Assert.Equal(kwh / 1000 * 0.5703, row.GetProperty("tco2").GetDouble(), 1e-9);
            Assert.Equal(1.0, row.GetProperty("completeness").GetDouble());
            Assert.False(row.GetProperty("estimated").GetBoolean());
            Assert.Equal("grid.ets_reporting.CN.2022@v1", row.GetProperty("factorVersion").GetString());
        }
        var factor = daily.RootElement.GetProperty("factors").GetProperty("grid.ets_reporting.CN.2022@v1");
        Assert.Equal(0.5703, factor.GetProperty("value").GetDouble());
        Assert.False(string.IsNullOrWhiteSpace(factor.GetProperty("document").GetString()));

        // re-estimations (late data, start-up) overwrite: one row per day in carbon_daily
        var rows = await rig.Influx.RowsAsync(PlantRig.Database, "SELECT * FROM carbon_daily");
        Assert.Equal(rows.Select(r => r.Number("time")).Distinct().Count(), rows.Count);

        // the re-run rebuilt the month roll-ups: each month holding a backfilled day is the sum of its stored days
        // (including the day before the history, estimated from the readings after its end) and passes its check
        string allDays = $"/api/v1/enterprises/{PlantRig.Enterprise}/emissions/daily?from={days[0]:yyyy-MM}-01&to={days[1]:yyyy-MM-dd}";
        string months = $"/api/v1/enterprises/{PlantRig.Enterprise}/emissions/month?from={days[0]:yyyy-MM}&to={days[1]:yyyy-MM}";
        await Poll.UntilAsync("month roll-ups of the backfilled days", TimeSpan.FromSeconds(30), async () =>
        {
            using var stored = await rig.GetAsync(allDays);
            using var doc = await rig.GetAsync(months);
            var monthRows = doc.RootElement.GetProperty("periods").EnumerateArray().ToList();
            return monthRows.Count == days.Select(d => d.Month).Distinct().Count() && monthRows.All(m =>
                Math.Abs(m.GetProperty("kwh").GetDouble() - stored.RootElement.GetProperty("days").EnumerateArray()
                    .Where(d => d.GetProperty("day").GetString()!.StartsWith(m.GetProperty("period").GetString()!, StringComparison.Ordinal))
                    .Sum(d => d.GetProperty("kwh").GetDouble())) < 1e-6);
        });
        using var rollups = await rig.GetAsync(months);
        Assert.All(rollups.RootElement.GetProperty("periods").EnumerateArray(), m => Assert.True(m.GetProperty("consistent").GetBoolean(), m.ToString()));
    }
}
