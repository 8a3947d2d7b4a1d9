using CarbonEdge.Protocols.Telemetry.Validation;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>Wiring of the ingestion path: subscriber -> validation and tagging -> queue -> batching writer -> sinks -> acknowledgements; dead letters.</summary>
internal static class IngestionServiceExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddSingleton<IngestionStats>();
        services.AddSingleton(sp => new TelemetryValidator(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestionQueue>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<BadInputLimiter>();
        services.AddSingleton<ReadingTagger>();
        services.AddSingleton<TelemetryIntake>();
        services.AddSingleton<ReadingSinks>();
        services.AddSingleton<GatewaySeqs>();
        services.AddSingleton<Acknowledger>();
        services.AddSingleton<TelemetrySubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewaySeqs>());
        services.AddHostedService<BatchingWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetrySubscriber>());
        return services;
    }
}
