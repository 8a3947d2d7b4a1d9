using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Health;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Health;

/// <summary>The gateway's local Prometheus endpoint: counters from the stats, buffer depth and the age of the oldest unsent reading.</summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Metrics_show_polls_failures_buffer_depth_and_the_oldest_unsent_reading()
    {
        var folder = RunFolder.Create("gateway-metrics");
        using var buffer = ReadingBuffer.Open(folder.File("buffer.db"));
        var now = DateTimeOffset.UtcNow;
        buffer.Add([Reading.Good("m-101", "power.active", 1, now.AddMinutes(-10)), Reading.Good("m-101", "power.active", 2, now.AddMinutes(-9))]);
        var stats = new GatewayStats();
        stats.Polled(readings: 2, bad: 1);
        stats.PublishFailed();
        int port = FreePort.Next();
        using var service = new GatewayMetricsService(new MetricsOptions { MetricsPort = port }, stats, buffer, TimeProvider.System);
        await service.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient();
            string text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            Assert.Contains("cedge_gateway_polls_total 1", text);
            Assert.Contains("cedge_gateway_bad_readings_total 1", text);
            Assert.Contains("cedge_gateway_publish_failures_total 1", text);
            Assert.Contains("cedge_gateway_buffer_readings 2", text);
            var age = text.Split('\n').Single(l => l.StartsWith("cedge_gateway_oldest_unsent_age_seconds ", StringComparison.Ordinal));
            Assert.InRange(double.Parse(age.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 590, 3600);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}
