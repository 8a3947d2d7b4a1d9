using CarbonEdge.Cloud.Ingestion;
using Prometheus;

namespace CarbonEdge.Cloud.Operations;

/// <summary>
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (broker, InfluxDB and registry answer; 503 otherwise) and the
/// Prometheus <c>/metrics</c> (prometheus-net: HTTP requests by endpoint and status, .NET runtime, ingestion counters),
/// all anonymous, for the monitoring of T/CEPPC 14-2023 §8.1 (availability) and §8.6.
/// </summary>
internal static class OperationsEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddCloudOperations(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<BrokerReadiness>("broker", tags: [Ready])
            .AddCheck<InfluxReadiness>("influxdb", tags: [Ready])
            .AddCheck<RegistryReadiness>("registry", tags: [Ready]);
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();
        ExportIngestion(app.Services.GetRequiredService<IngestionStats>());
        return app;
    }

    /// <summary>Ingestion counters as Prometheus counters, copied from <see cref="IngestionStats"/> before each scrape.</summary>
    private static void ExportIngestion(IngestionStats stats)
    {
        var messages = Metrics.CreateCounter("cedge_ingestion_messages_total", "Telemetry messages received since start.");
        var written = Metrics.CreateCounter("cedge_ingestion_readings_written_total", "Readings written to InfluxDB since start.");
        var rejected = Metrics.CreateCounter("cedge_ingestion_readings_rejected_total", "Readings refused by validation since start, by reason.", "reason");
        var gaps = Metrics.CreateCounter("cedge_ingestion_seq_gaps_total", "Telemetry batches whose seq jumped ahead.");
        var failures = Metrics.CreateCounter("cedge_ingestion_write_failures_total", "InfluxDB writes that failed and were retried.");
        var refused = Metrics.CreateCounter("cedge_ingestion_messages_rejected_total", "Telemetry messages refused whole since start, by reason.", "reason");
        var limited = Metrics.CreateCounter("cedge_ingestion_rate_limited_total", "Refused messages beyond their gateway's dead-letter rate (counted, summarised), by reason.", "reason");
        var letters = Metrics.CreateCounter("cedge_ingestion_dead_letters_total", "Dead letters kept since start, by reason.", "reason");
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            var s = stats.Snapshot();
            messages.IncTo(s.Messages);
            written.IncTo(s.ReadingsWritten);
            foreach (var (reason, n) in s.ReadingsRejected) rejected.WithLabels(reason).IncTo(n);
            gaps.IncTo(s.SeqGaps);
            failures.IncTo(s.WriteFailures);
            foreach (var (reason, n) in s.MessagesRejected) refused.WithLabels(reason).IncTo(n);
            foreach (var (reason, n) in s.MessagesRateLimited) limited.WithLabels(reason).IncTo(n);
            foreach (var (reason, n) in s.DeadLettersKept) letters.WithLabels(reason).IncTo(n);
        });
    }
}
