using CarbonEdge.Edge.Buffer;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace CarbonEdge.Edge.Health;

/// <summary>
/// Prometheus metrics of the gateway on a local port (prometheus-net's <see cref="MetricServer"/>, <c>/metrics</c>):
/// polls, readings, bad and lost readings, batches published and publish failures since start (from
/// <see cref="GatewayStats"/>), and what the buffer holds with the age of the oldest unsent reading (T/CES carbon
/// statistics §4.1 acquisition rate and latency; T/CEPPC 14-2023 §8.6). Off when <see cref="MetricsOptions.MetricsPort"/> is 0.
/// </summary>
internal sealed class GatewayMetricsService(MetricsOptions options, GatewayStats stats, ReadingBuffer buffer, TimeProvider time) : IHostedService, IDisposable
{
    private MetricServer? _server;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MetricsPort == 0) return Task.CompletedTask;
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        var polls = factory.CreateCounter("cedge_gateway_polls_total", "Device polls since start.");
        var readings = factory.CreateCounter("cedge_gateway_readings_total", "Readings taken since start.");
        var bad = factory.CreateCounter("cedge_gateway_bad_readings_total", "Readings of quality bad (device error) since start.");
        var lost = factory.CreateCounter("cedge_gateway_lost_readings_total", "Readings that could not be buffered since start.");
        var published = factory.CreateCounter("cedge_gateway_batches_published_total", "Telemetry batches acknowledged by the broker since start.");
        var failures = factory.CreateCounter("cedge_gateway_publish_failures_total", "Telemetry publishes that failed since start.");
        var held = factory.CreateGauge("cedge_gateway_buffer_readings", "Readings held in the buffer (unsent or unacknowledged).");
        var batches = factory.CreateGauge("cedge_gateway_buffer_batches", "Sealed batches waiting for their PUBACK.");
        var oldest = factory.CreateGauge("cedge_gateway_oldest_unsent_age_seconds", "Age of the oldest reading not yet batched, s (0 when none).");
        registry.AddBeforeCollectCallback(() =>
        {
            polls.IncTo(stats.Polls);
            readings.IncTo(stats.Readings);
            bad.IncTo(stats.BadReadings);
            lost.IncTo(stats.LostReadings);
            published.IncTo(stats.BatchesPublished);
            failures.IncTo(stats.PublishFailures);
            var summary = buffer.Summary();
            held.Set(summary.Buffered);
            batches.Set(summary.Batches);
            oldest.Set(summary.OldestTs is { } ts ? Math.Max(0, (time.GetUtcNow() - ts).TotalSeconds) : 0);
        });
        _server = new MetricServer(options.MetricsHost, options.MetricsPort, "metrics/", registry);
        _server.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }

    /// <inheritdoc/>
    public void Dispose() => _server?.Dispose();
}
