using CarbonEdge.Cloud.Influx;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Cloud.Tests.Influx;

/// <summary>The writer and query client against a real influxd 1.6 started by the test.</summary>
public sealed class InfluxClientTests : IAsyncLifetime
{
    private InfluxServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _server = await InfluxServer.StartAsync("influx-client");
        await _server.CreateDatabaseAsync("t");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private (InfluxWriter Writer, InfluxQueryClient Query) Clients(string database = "t", string? url = null, int retries = 2)
    {
        var connection = new InfluxConnection(_http, new InfluxOptions
        {
            Url = url ?? _server.Url, Database = database, MaxPointsPerWrite = 4, MaxRetries = retries, RetryDelayMs = 20,
        });
        return (new InfluxWriter(connection, NullLogger<InfluxWriter>.Instance), new InfluxQueryClient(connection));
    }

    private static LinePoint Reading(string device, double? value, long ts, string quality = "good")
    {
        var fields = new List<KeyValuePair<string, object>> { new("quality", quality) };
        if (value is { } v) fields.Insert(0, new("value", v));
        return new LinePoint("reading", [new("device", device), new("point", "power.active")], fields, ts);
    }

    [Fact]
    public async Task Written_points_come_back_from_a_query_in_chunks()
    {
        var (writer, query) = Clients();
        var points = Enumerable.Range(0, 10).Select(i => Reading("m-1", i * 1.5, 1_700_000_000_000 + i * 1000)).ToList();
        var result = await writer.WriteAsync(points, default);
        Assert.Equal(10, result.Written);
        Assert.Empty(result.Rejected);

        var series = Assert.Single(await query.QueryAsync("SELECT value, quality FROM reading GROUP BY device", default));
        Assert.Equal("m-1", series.Tags["device"]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 1.5), series.Values.Select(v => (double)v[series.IndexOf("value")]!));
        Assert.Equal(1_700_000_000_000L, series.Values[0][0]);
    }

    [Fact]
    public async Task Writing_the_same_series_and_time_again_overwrites()
    {
        var (writer, query) = Clients();
        await writer.WriteAsync([Reading("m-1", 1.0, 1_700_000_000_000)], default);
        await writer.WriteAsync([Reading("m-1", 2.0, 1_700_000_000_000)], default);
        var series = Assert.Single(await query.QueryAsync("SELECT value FROM reading", default));
        Assert.Equal(2.0, Assert.Single(series.Values)[1]);
    }

    [Fact]
    public async Task A_point_the_server_refuses_is_isolated_and_the_rest_written()
    {
        var (writer, query) = Clients();
        // "value" is a float; a string value for it is a field type conflict (HTTP 400) that fails a whole request.
        var points = Enumerable.Range(0, 7).Select(i => Reading("m-2", i, 1_700_000_100_000 + i * 1000)).ToList();
        await writer.WriteAsync([points[0]], default);
        points[4] = points[4] with { Fields = [new("value", "oops")] };
        var result = await writer.WriteAsync(points, default);
        Assert.Equal(6, result.Written);
        var (rejected, error) = Assert.Single(result.Rejected);
        Assert.Same(points[4], rejected);
        Assert.Contains("conflict", error);
        var series = Assert.Single(await query.QueryAsync("SELECT count(value) FROM reading WHERE device = 'm-2'", default));
        Assert.Equal(6.0, series.Values[0][1]);
    }

    [Fact]
    public async Task Unknown_database_is_a_clear_non_transient_error()
    {
        var (writer, _) = Clients(database: "missing");
        var ex = await Assert.ThrowsAsync<InfluxWriteException>(() => writer.WriteAsync([Reading("m-1", 1, 1)], default));
        Assert.False(ex.Transient);
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public async Task Unreachable_server_is_a_transient_error_after_retries()
    {
        var (writer, _) = Clients(url: $"http://127.0.0.1:{FreePort.Next()}", retries: 2);
        var ex = await Assert.ThrowsAsync<InfluxWriteException>(() => writer.WriteAsync([Reading("m-1", 1, 1)], default));
        Assert.True(ex.Transient);
        Assert.Equal(2, writer.Retries);
    }

    [Fact]
    public async Task Query_errors_name_the_statement()
    {
        var (_, query) = Clients();
        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() => query.QueryAsync("SELEKT nothing", default));
        Assert.Contains("SELEKT", ex.Message);
    }
}
