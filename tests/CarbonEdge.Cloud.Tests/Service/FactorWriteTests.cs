using System.Globalization;
using System.Text;
using System.Text.Json;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Service;

/// <summary>
/// <c>POST /api/v1/factors</c>: an admin writes a factor (then a revision of it) and the estimation of today uses it and
/// cites it; bad bodies answer Problem Details 400 naming the field; writes and rejections are audited.
/// </summary>
public sealed class FactorWriteTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static int LocalYear => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).Year;

    /// <summary>A Jiangsu (320000, the province of ent-1's county 320583) ETS grid factor for this year.</summary>
    private static string GridFactor(double value) => JsonSerializer.Serialize(new
    {
        id = $"grid.ets_reporting.320000.{LocalYear}", kind = "grid_emission", subject = "electricity", calibre = "ets_reporting",
        region = "320000", regionName = "Jiangsu", value, unit = "tCO2/MWh", year = LocalYear,
        source = "Provincial notice on grid factors (test)", clause = "Table 1", url = "https://example.org/notice",
    });

    [Fact]
    public async Task A_written_factor_and_its_revision_are_what_today_is_estimated_with_and_both_are_audited()
    {
        var audit = cloud.Services.GetRequiredService<AuditLog>();
        long before = audit.Count();
        await PublishTodayAsync();
        string id = $"grid.ets_reporting.320000.{LocalYear}";

        var (status, body) = await PostAsync(GridFactor(0.9));
        Assert.True(status == 200, body);
        Assert.Equal($"{id}@v1", JsonDocument.Parse(body).RootElement.GetProperty("version").GetString());
        await AssertTodayUsesAsync($"{id}@v1", 0.9);

        (status, body) = await PostAsync(GridFactor(0.8));
        Assert.True(status == 200, body);
        await AssertTodayUsesAsync($"{id}@v2", 0.8);

        using var factors = await cloud.GetJsonAsync("/api/v1/factors?pageSize=500");
        var versions = factors.RootElement.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("version").GetString()).ToList();
        Assert.Contains($"{id}@v1", versions);
        Assert.Contains($"{id}@v2", versions);
        var writes = audit.Read(before, 1000, "registry.factor.put");
        Assert.Equal([$"{id}@v1", $"{id}@v2"], writes.Select(w => w.Target));
        Assert.All(writes, w => Assert.Equal("key:test-admin", w.Actor));
    }

    [Theory]
    [InlineData("value", "-0.5")]
    [InlineData("value", "0")]
    [InlineData("unit", "\"furlongs\"")]
    [InlineData("unit", "\"kgce/kg\"")]
    [InlineData("year", "1800")]
    [InlineData("year", "3000")]
    [InlineData("region", "\"32000x\"")]
    [InlineData("region", "\"' OR 1=1\"")]
    [InlineData("source", "\"\"")]
    [InlineData("source", "null")]
    [InlineData("source", "\"<script>alert(1)</script>\"")]
    [InlineData("kind", "\"enterprise_electricity_carbon\"")]
    [InlineData("calibre", "\"made_up\"")]
    [InlineData("id", "\"x'; DROP TABLE factor;--\"")]
    [InlineData("url", "\"javascript:alert(1)\"")]
    public async Task A_bad_field_answers_problem_details_400_naming_it_and_is_audited(string field, string json)
    {
        var audit = cloud.Services.GetRequiredService<AuditLog>();
        long before = audit.Count();
        var node = System.Text.Json.Nodes.JsonNode.Parse(GridFactor(0.7))!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        var (status, body) = await PostAsync(node.ToJsonString());
        Assert.True(status == 400, body);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        Assert.Contains(audit.Read(before, 1000), r => r.Action == "registry.rejected" && r.Target == "POST /api/v1/factors");
    }

    [Fact]
    public async Task A_revision_keeps_the_kind_subject_calibre_and_region_of_the_id()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(GridFactor(0.7))!.AsObject();
        node["id"] = "grid.ets_reporting.CN.2022"; // in the embedded library, region CN
        var (status, body) = await PostAsync(node.ToJsonString());
        Assert.True(status == 400, body);
        Assert.Contains("keeps its kind", body);
    }

    private async Task<(int Status, string Body)> PostAsync(string json)
    {
        using var response = await cloud.Http.PostAsync(cloud.BaseUrl + "/api/v1/factors", new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>m-1 reads 1 kWh per minute from local midnight up to now.</summary>
    private async Task PublishTodayAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        int minutes = (int)Math.Floor((now - midnight).TotalMinutes);
        var readings = Enumerable.Range(0, minutes + 1).Select(m => Reading.Good("m-1", Points.EnergyActiveImport, 5_000 + m, midnight.AddMinutes(m))).ToList();
        foreach (var (_, payload) in TelemetryBatching.Pack("plant-01", "gw-factor", 1, now, readings, maxReadings: 720))
            await cloud.PublishAsync("carbonedge/v1/plant-01/gw-factor/telemetry", Encoding.UTF8.GetString(payload));
        await CarbonEdge.Testing.Poll.UntilAsync("readings in influxd", TimeSpan.FromSeconds(20), async () =>
        {
            var rows = await cloud.Influx.RowsAsync("carbonedge", "SELECT count(value) FROM reading WHERE gateway = 'gw-factor'");
            return rows.Count > 0 && (long)rows[0].Number("count") == readings.Count;
        });
    }

    private async Task AssertTodayUsesAsync(string version, double tco2PerMwh)
    {
        using var today = await cloud.GetJsonAsync("/api/v1/enterprises/ent-1/emissions/today");
        var root = today.RootElement;
        Assert.Equal(version, root.GetProperty("factorVersion").GetString());
        Assert.Equal(root.GetProperty("kwh").GetDouble() / 1000 * tco2PerMwh, root.GetProperty("tco2").GetDouble(), 1e-9);
        Assert.Equal(tco2PerMwh, root.GetProperty("factors").GetProperty(version).GetProperty("value").GetDouble());
        Assert.Equal(LocalYear.ToString(CultureInfo.InvariantCulture), root.GetProperty("day").GetString()![..4]);
    }
}
