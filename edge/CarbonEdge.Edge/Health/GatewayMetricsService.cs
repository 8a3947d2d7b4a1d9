using System.Net;
using System.Text;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Protocols.BrokerLink;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CarbonEdge.Edge.Health;

/// <summary>
/// The gateway's operations endpoints on a local port (<see cref="HttpListener"/>, <c>http://{host}:{port}/</c>):
/// <list type="bullet">
/// <item><c>GET /healthz</c>: 200 <c>ok</c> while the process serves (liveness).</item>
/// <item><c>GET /readyz</c>: 200 <c>ready</c> when the broker link is connected and the last buffer write succeeded,
/// else 503 with the reasons, one a line (readiness).</item>
/// <item><c>GET /metrics</c>: Prometheus text (prometheus-net): polls, readings, bad and lost readings, batches published
/// and publish failures since start, polls and failed polls per device, buffer depth, age of the oldest unsent reading,
/// PUBACK round trip histogram (T/CES carbon statistics §4.1 acquisition rate and latency; T/CEPPC 14-2023 §8.6).</item>
/// </list>
/// Other paths answer 404. Off when <see cref="MetricsOptions.MetricsPort"/> is 0.
/// </summary>
internal sealed partial class GatewayMetricsService(
    MetricsOptions options,
    GatewayStats stats,
    ReadingBuffer buffer,
    BrokerLink link,
    TimeProvider time,
    ILogger<GatewayMetricsService> logger) : BackgroundService
{
    private readonly HttpListener _listener = new();

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MetricsPort == 0) return Task.CompletedTask;
        RegisterCollectors();
        _listener.Prefixes.Add($"http://{options.MetricsHost}:{options.MetricsPort}/");
        _listener.Start(); // throws HttpListenerException when the port is taken: the host does not start
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener.IsListening) _listener.Stop();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && _listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
            {
                return; // stopped
            }
            _ = Task.Run(() => AnswerAsync(context), CancellationToken.None);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await stats.Registry.CollectAndExportAsTextAsync(response.OutputStream).ConfigureAwait(false);
                    break;
                case "/healthz":
                    await WriteTextAsync(response, 200, "ok\n").ConfigureAwait(false);
                    break;
                case "/readyz":
                    var reasons = NotReadyReasons();
                    await WriteTextAsync(response, reasons.Count == 0 ? 200 : 503, reasons.Count == 0 ? "ready\n" : string.Join('\n', reasons) + "\n").ConfigureAwait(false);
                    break;
                default:
                    await WriteTextAsync(response, 404, "not found: try /healthz, /readyz or /metrics\n").ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            LogAnswerFailed(logger, context.Request.Url?.AbsolutePath, ex.Message);
        }
        finally
        {
            try { response.Close(); } catch (ObjectDisposedException) { /* listener stopped */ }
        }
    }

    /// <summary>Why the gateway is not ready; empty when it is.</summary>
    private List<string> NotReadyReasons()
    {
        var reasons = new List<string>();
        if (!link.IsConnected) reasons.Add($"broker link to {link.Settings.Url} not connected" + (stats.BrokerRefusal is { } r ? $": {r}" : ""));
        else if (stats.BrokerRefusal is { } refusal) reasons.Add($"broker {link.Settings.Url} connected but {refusal}"); // a refused SUBACK or publish
        if (stats.BufferWriteFailing) reasons.Add($"buffer {buffer.Path} not writable (last write failed); check the disk");
        return reasons;
    }

    private static async Task WriteTextAsync(HttpListenerResponse response, int status, string text)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    private void RegisterCollectors()
    {
        var factory = Metrics.WithCustomRegistry(stats.Registry);
        var polls = factory.CreateCounter("cedge_gateway_polls_total", "Device polls since start.");
        var readings = factory.CreateCounter("cedge_gateway_readings_total", "Readings taken since start.");
        var bad = factory.CreateCounter("cedge_gateway_bad_readings_total", "Readings of quality bad (device error) since start.");
        var lost = factory.CreateCounter("cedge_gateway_lost_readings_total", "Readings that could not be buffered since start.");
        var published = factory.CreateCounter("cedge_gateway_batches_published_total", "Telemetry batches acknowledged by the broker since start.");
        var failures = factory.CreateCounter("cedge_gateway_publish_failures_total", "Telemetry publishes that failed since start.");
        var devicePolls = factory.CreateCounter("cedge_gateway_device_polls_total", "Polls per device since start.", "device");
        var deviceFailures = factory.CreateCounter("cedge_gateway_device_poll_failures_total", "Failed polls (driver fault, bad reading, not stored) per device since start.", "device");
        var held = factory.CreateGauge("cedge_gateway_buffer_readings", "Readings held in the buffer (unsent or unacknowledged).");
        var batches = factory.CreateGauge("cedge_gateway_buffer_batches", "Sealed batches waiting for their PUBACK.");
        var oldest = factory.CreateGauge("cedge_gateway_oldest_unsent_age_seconds", "Age of the oldest reading not yet batched, s (0 when none).");
        var evicted = factory.CreateCounter("cedge_gateway_buffer_evicted_total", "Readings the full buffer evicted since it was created, by kind (instantaneous; energy: beyond one per device, point and interval).", "kind");
        var connected = factory.CreateGauge("cedge_gateway_broker_connected", "1 while the broker link is connected, else 0.");
        stats.Registry.AddBeforeCollectCallback(() =>
        {
            polls.IncTo(stats.Polls);
            readings.IncTo(stats.Readings);
            bad.IncTo(stats.BadReadings);
            lost.IncTo(stats.LostReadings);
            published.IncTo(stats.BatchesPublished);
            failures.IncTo(stats.PublishFailures);
            foreach (var (device, counts) in stats.Devices)
            {
                devicePolls.WithLabels(device).IncTo(counts.Polls);
                deviceFailures.WithLabels(device).IncTo(counts.Failures);
            }
            connected.Set(link.IsConnected ? 1 : 0);
            try
            {
                var summary = buffer.Summary();
                held.Set(summary.Buffered);
                batches.Set(summary.Batches);
                oldest.Set(summary.OldestTs is { } ts ? Math.Max(0, (time.GetUtcNow() - ts).TotalSeconds) : 0);
                foreach (var (kind, count) in ReadingKinds.Named(summary.Evicted)) evicted.WithLabels(kind).IncTo(count);
            }
            catch (SqliteException ex)
            {
                LogBufferUnreadable(logger, buffer.Path, ex.Message);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer {Path} on the operations port: {Reason}")]
    static partial void LogAnswerFailed(ILogger logger, string? path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the buffer {Path} for /metrics: {Reason}. Check the disk.")]
    static partial void LogBufferUnreadable(ILogger logger, string path, string reason);
}
