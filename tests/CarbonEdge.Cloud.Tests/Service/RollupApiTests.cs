using System.Text.Json;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Service;

/// <summary>
/// The roll-up endpoints of the running service: an enterprise's months, quarters and years and a region's days,
/// months, quarters and years (optionally one industry), served from what the estimation run wrote; wrong calls get
/// problem details.
/// </summary>
public sealed class RollupApiTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    private static readonly DateOnly[] Days = [new(2026, 10, 30), new(2026, 10, 31), new(2026, 11, 1)];
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _estimated;

    /// <summary>m-1 (ent-1, county 320583, industry 3130) read every minute from 22:00 on 29 October to 02:00 on 2 November at 1 kWh/min; three days estimated.</summary>
    private async Task EstimateAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_estimated) return;
            var start = new DateTimeOffset(2026, 10, 29, 14, 0, 0, TimeSpan.Zero);
            var device = cloud.Services.GetRequiredService<RegistryStore>().FindDevice("plant-01", "m-1");
            var points = Enumerable.Range(0, (3 * 24 + 4) * 60 + 1)
                .Select(m => ReadingPoints.From("plant-01", "gw-01", Reading.Good("m-1", Points.EnergyActiveImport, 10_000 + m, start.AddMinutes(m)), device)).ToList();
            Assert.Empty((await cloud.Services.GetRequiredService<InfluxWriter>().WriteAsync(points, default)).Rejected);
            await cloud.Services.GetRequiredService<EstimationRun>().RunAsync(Days, default);
            _estimated = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement> OkAsync(string path)
    {
        var (status, body) = await cloud.GetAsync(path);
        Assert.True(status == 200, $"{path}: {status} {body.RootElement}");
        return body.RootElement;
    }

    [Fact]
    public async Task An_enterprise_month_and_quarter_are_the_sums_of_its_days_checked_against_its_meter()
    {
        await EstimateAsync();

        var months = await OkAsync("/api/v1/enterprises/ent-1/emissions/month?from=2026-10&to=2026-11");
        Assert.Equal(("month", "2026-10", "2026-11"), (months.GetProperty("period").GetString(), months.GetProperty("from").GetString(), months.GetProperty("to").GetString()));
        var rows = months.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2026-10", "2026-11"], rows.Select(r => r.GetProperty("period").GetString()));
        // October: 30th and 31st, 1440 kWh each; 29 days missing; the meter from 30 Oct 00:00 to 1 Nov 00:00 says 2880 kWh too
        var october = rows[0];
        Assert.Equal(2880, october.GetProperty("kwh").GetDouble(), 6);
        Assert.Equal(2.88 * 0.5703, october.GetProperty("tco2").GetDouble(), 9);
        Assert.Equal((2, 29), (october.GetProperty("children").GetInt32(), october.GetProperty("childrenMissing").GetInt32()));
        Assert.Equal(2880, october.GetProperty("referenceKwh").GetDouble(), 6);
        Assert.True(october.GetProperty("consistent").GetBoolean());
        Assert.True(october.GetProperty("estimated").GetBoolean());
        Assert.Equal(("grid", "2"), (october.GetProperty("method").GetString(), october.GetProperty("scope").GetString()));
        Assert.Equal(1440, rows[1].GetProperty("kwh").GetDouble(), 6);
        Assert.Equal(0.5703, months.GetProperty("factors").GetProperty("grid.ets_reporting.CN.2022@v1").GetProperty("value").GetDouble());

        var quarter = Assert.Single((await OkAsync("/api/v1/enterprises/ent-1/emissions/quarterly?from=2026-Q4&to=2026-Q4")).GetProperty("periods").EnumerateArray());
        Assert.Equal(("2026-Q4", 4320.0, 2, 1), (quarter.GetProperty("period").GetString(), Math.Round(quarter.GetProperty("kwh").GetDouble(), 6),
            quarter.GetProperty("children").GetInt32(), quarter.GetProperty("childrenMissing").GetInt32()));
    }

    [Fact]
    public async Task A_region_serves_its_days_months_and_years_for_all_industries_or_one()
    {
        await EstimateAsync();

        var daily = await OkAsync("/api/v1/regions/320500/emissions/daily?from=2026-10-30&to=2026-11-01");
        Assert.Equal(("city", 1), (daily.GetProperty("level").GetString(), daily.GetProperty("enterprises").GetInt32()));
        var days = daily.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2026-10-30", "2026-10-31", "2026-11-01"], days.Select(d => d.GetProperty("period").GetString()));
        Assert.All(days, d => Assert.Equal((1440.0, 1, 0), (Math.Round(d.GetProperty("kwh").GetDouble(), 6), d.GetProperty("children").GetInt32(), d.GetProperty("childrenMissing").GetInt32())));

        var steel = await OkAsync("/api/v1/regions/320000/emissions/monthly?from=2026-10&to=2026-11&industry=3130");
        Assert.Equal(("province", "3130"), (steel.GetProperty("level").GetString(), steel.GetProperty("industry").GetString()));
        Assert.Equal([2880.0, 1440.0], steel.GetProperty("periods").EnumerateArray().Select(p => Math.Round(p.GetProperty("kwh").GetDouble(), 6)));

        var year = Assert.Single((await OkAsync("/api/v1/regions/320583/emissions/yearly?from=2026&to=2026")).GetProperty("periods").EnumerateArray());
        Assert.Equal(4320, year.GetProperty("kwh").GetDouble(), 6);
        Assert.True(year.GetProperty("consistent").GetBoolean());
    }

    [Fact]
    public async Task Ranges_default_to_the_last_twelve_months_up_to_the_current_one()
    {
        var months = await OkAsync("/api/v1/enterprises/ent-1/emissions/month");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        Assert.Equal(today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), months.GetProperty("to").GetString());
        Assert.Equal(today.AddMonths(-11).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), months.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("/api/v1/enterprises/ent-1/emissions/month?from=2026-13", 400, "YYYY-MM")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/quarter?from=2026-Q5", 400, "YYYY-Qn")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/year?from=2010&to=2026", 400, "at most 10")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/month?from=2026-11&to=2026-01", 400, "after")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/weekly", 404, "weekly")]
    [InlineData("/api/v1/enterprises/ent-9/emissions/month", 404, "ent-9")]
    [InlineData("/api/v1/regions/32058/emissions/daily", 400, "GB/T 2260")]
    [InlineData("/api/v1/regions/320583/emissions/daily?industry=31x", 400, "GB/T 4754")]
    [InlineData("/api/v1/regions/320583/emissions/daily?from=2026-11", 400, "YYYY-MM-DD")]
    [InlineData("/api/v1/regions/320583/emissions/daily?from=2025-01-01&to=2026-11-01", 400, "at most 366")]
    [InlineData("/api/v1/regions/110000/emissions/monthly", 404, "110000")]
    [InlineData("/api/v1/regions/320583/emissions/monthly?industry=3110", 404, "industry 3110")]
    [InlineData("/api/v1/regions/320583/emissions/hourly", 404, "hourly")]
    public async Task Wrong_calls_are_answered_with_what_is_wrong(string path, int expected, string mentioned)
    {
        var (status, body) = await cloud.GetAsync(path);
        Assert.Equal(expected, status);
        Assert.Equal(expected, body.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(mentioned, body.RootElement.ToString());
    }
}
