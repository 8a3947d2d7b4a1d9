using System.Globalization;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Service;

/// <summary><c>GET .../emissions/today</c>: the day from local midnight up to now, not a projection to midnight.</summary>
public sealed class TodayTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    [Fact]
    public async Task Today_so_far_is_the_register_increase_since_midnight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = DateTimeOffset.UtcNow;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        // m-1 (interval 60 s in the registry) reads 0.5 kWh per minute, every minute since local midnight
        const double perMinute = 0.5;
        int minutes = (int)Math.Floor((now - midnight).TotalMinutes);
        var readings = Enumerable.Range(0, minutes + 1)
            .Select(m => Reading.Good("m-1", Points.EnergyActiveImport, 10_000 + perMinute * m, midnight.AddMinutes(m))).ToList();
        foreach (var (_, payload) in TelemetryBatching.Pack("plant-01", "gw-today", 1, now, readings, maxReadings: 720))
            await cloud.PublishAsync("carbonedge/v1/plant-01/gw-today/telemetry", System.Text.Encoding.UTF8.GetString(payload));

        await Poll.UntilAsync("readings written", TimeSpan.FromSeconds(20), async () =>
        {
            var rows = await cloud.Influx.RowsAsync("carbonedge", "SELECT count(value) FROM reading WHERE gateway = 'gw-today'");
            return rows.Count > 0 && (long)rows[0].Number("count") == readings.Count;
        }, TimeSpan.FromMilliseconds(100));
        using var today = await cloud.GetJsonAsync("/api/v1/enterprises/ent-1/emissions/today");
        double kwh = today.RootElement.GetProperty("kwh").GetDouble();
        // measured up to the latest reading, nothing projected past it: 0.5 kWh/min x whole minutes since midnight
        Assert.Equal(perMinute * minutes, kwh, 1e-6);
        Assert.False(today.RootElement.GetProperty("estimated").GetBoolean());
        Assert.Equal(kwh / 1000 * 0.5703, today.RootElement.GetProperty("tco2").GetDouble(), 1e-9);
        Assert.Equal(1.0, today.RootElement.GetProperty("completeness").GetDouble(), 0.01);
        Assert.Equal(local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.RootElement.GetProperty("day").GetString());
    }
}
