namespace CarbonEdge.Cloud.Tests.Service;

/// <summary>Wrong API calls get a clear answer (RFC 9457 problem details), not a crash.</summary>
public sealed class ApiTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    [Fact]
    public async Task Sites_list_the_registry_with_enterprises()
    {
        var (status, body) = await cloud.GetAsync("/api/v1/sites");
        Assert.Equal(200, status);
        var site = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal("plant-01", site.GetProperty("id").GetString());
        Assert.Equal("320583", site.GetProperty("enterprise").GetProperty("region").GetString());
    }

    [Theory]
    [InlineData("/api/v1/enterprises/ent-9/emissions/daily", 404, "ent-9")]
    [InlineData("/api/v1/enterprises/ent-9/emissions/today", 404, "ent-9")]
    [InlineData("/api/v1/sites/plant-9/live", 404, "plant-9")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/daily?from=2026-13-01", 400, "YYYY-MM-DD")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/daily?from=2026-11-10&to=2026-11-01", 400, "after")]
    [InlineData("/api/v1/enterprises/ent-1/emissions/daily?from=2024-01-01&to=2026-01-01", 400, "366")]
    public async Task Wrong_calls_are_answered_with_what_is_wrong(string path, int expected, string mentioned)
    {
        var (status, body) = await cloud.GetAsync(path);
        Assert.Equal(expected, status);
        Assert.Equal(expected, body.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(mentioned, body.RootElement.ToString());
    }

    [Fact]
    public async Task Daily_emissions_default_to_the_last_seven_days()
    {
        var (status, body) = await cloud.GetAsync("/api/v1/enterprises/ent-1/emissions/daily");
        Assert.Equal(200, status);
        var from = DateOnly.Parse(body.RootElement.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(body.RootElement.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(6, to.DayNumber - from.DayNumber);
        Assert.Equal("Asia/Shanghai", body.RootElement.GetProperty("zone").GetString());
    }

    [Fact]
    public async Task The_dashboard_is_served_at_the_root()
    {
        using var response = await cloud.Http.GetAsync(cloud.BaseUrl + "/");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("CarbonEdge", await response.Content.ReadAsStringAsync());
    }
}
