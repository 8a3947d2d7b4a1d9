using System.Net;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Health;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Health;

/// <summary>
/// The gateway's operations port without a broker: counters from the stats, per-device polls and failures, buffer
/// depth, the age of the oldest unsent reading; live but not ready while the link is down or the buffer write fails.
/// The same endpoints on a running gateway host with mosquitto: GatewayHostTests.
/// </summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Metrics_show_polls_failures_buffer_depth_and_the_oldest_unsent_reading_and_readyz_says_why_not_ready()
    {
        var folder = RunFolder.Create("gateway-metrics");
        using var buffer = ReadingBuffer.Open(folder.File("buffer.db"));
        var now = DateTimeOffset.UtcNow;
        buffer.Add([Reading.Good("m-101", "power.active", 1, now.AddMinutes(-10)), Reading.Good("m-101", "power.active", 2, now.AddMinutes(-9))]);
        var stats = new GatewayStats();
        stats.Polled("m-101", readings: 2, bad: 1);
        stats.PollFaulted("m-102");
        stats.Lost("m-101", 2);
        stats.PublishFailed();
        int port = FreePort.Next();
        await using var link = new BrokerLink(new BrokerSettings { Url = $"mqtt://127.0.0.1:{FreePort.Next()}", ClientId = "metrics-test" });
        using var service = new GatewayMetricsService(new MetricsOptions { MetricsPort = port }, stats, buffer, link, TimeProvider.System,
            NullLogger<GatewayMetricsService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string text = await http.GetStringAsync("/metrics");
            Assert.Contains("cedge_gateway_polls_total 1", text);
            Assert.Contains("cedge_gateway_bad_readings_total 1", text);
            Assert.Contains("cedge_gateway_lost_readings_total 2", text);
            Assert.Contains("cedge_gateway_publish_failures_total 1", text);
            Assert.Contains("cedge_gateway_device_polls_total{device=\"m-101\"} 2", text);
            Assert.Contains("cedge_gateway_device_poll_failures_total{device=\"m-101\"} 2", text);
            Assert.Contains("cedge_gateway_device_poll_failures_total{device=\"m-102\"} 1", text);
            Assert.Contains("cedge_gateway_buffer_readings 2", text);
            Assert.Contains("cedge_gateway_broker_connected 0", text);
            Assert.Contains("cedge_gateway_publish_latency_seconds_count 0", text);
            var age = text.Split('\n').Single(l => l.StartsWith("cedge_gateway_oldest_unsent_age_seconds ", StringComparison.Ordinal));
            Assert.InRange(double.Parse(age.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 590, 3600);

            Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
            using var ready = await http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            string why = await ready.Content.ReadAsStringAsync();
            Assert.Contains("not connected", why);
            Assert.Contains("not writable", why);
            using var other = await http.GetAsync("/nothing");
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}
