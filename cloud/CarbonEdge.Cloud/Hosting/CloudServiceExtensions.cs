using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Rollups;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Cloud.Regional;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Factors;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Hosting;

/// <summary>Wiring of the cloud's parts; options bound from the config file and validated on start.</summary>
internal static class CloudServiceExtensions
{
    /// <summary>Registry, InfluxDB clients, the estimator and the roll-ups: what both <c>run</c> and <c>estimate</c> need.</summary>
    public static IServiceCollection AddCloudCore(this IServiceCollection services, string configFile)
    {
        services.AddSingleton(TimeProvider.System);
        Bind<InfluxOptions>(services, "influx");
        Bind<RegistryOptions>(services, "registry");
        Bind<EstimationOptions>(services, "estimation");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<InfluxOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EstimationOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<EstimationOptions>().LoadFactors());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RegistryOptions>>().Value;
            var store = RegistryStore.Open(ConfigPaths.Resolve(configFile, options.Path));
            if (options.Seed is { } seed) store.Seed(ConfigPaths.Resolve(configFile, seed), sp.GetRequiredService<FactorLibrary>());
            return store;
        });
        services.AddSingleton(sp => new InfluxConnection(
            new HttpClient { Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<InfluxOptions>().TimeoutSeconds) },
            sp.GetRequiredService<InfluxOptions>()));
        services.AddSingleton<InfluxWriter>();
        services.AddSingleton<InfluxQueryClient>();
        services.AddSingleton<ReadingQuery>();
        services.AddSingleton<FactorCatalog>();
        services.AddSingleton<MeterDays>();
        services.AddSingleton<DailyEstimator>();
        services.AddSingleton<RollupReferences>();
        services.AddSingleton<RollupRebuilder>();
        services.AddSingleton<EstimationRun>();
        services.AddRegional(configFile);
        return services;
    }

    /// <summary>Everything <c>cedge-cloud run</c> hosts: ingestion, live values, the scheduler.</summary>
    public static IServiceCollection AddCloudService(this IServiceCollection services, string configFile)
    {
        services.AddCloudCore(configFile);
        Bind<CloudMqttOptions>(services, "mqtt");
        Bind<IngestionOptions>(services, "ingestion");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CloudMqttOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value);
        services.AddSingleton<EstimationLease>();
        services.AddSingleton<LiveValues>();
        services.AddSingleton<GatewayStatuses>();
        services.AddSingleton<LateDays>();
        services.AddSingleton<LateDayResolver>();
        services.AddSingleton<EstimationLease>();
        services.AddSingleton(sp => new BrokerLink(BrokerSettings(sp.GetRequiredService<CloudMqttOptions>(), configFile), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => EventHubsProducer.Create(sp.GetRequiredService<IConfiguration>().GetSection("export:eventHubs").Get<EventHubsOptions>()));
        services.AddHostedService<InfluxBootstrap>();
        services.AddIngestion();
        services.AddHostedService<EstimationScheduler>();
        return services;
    }

    /// <summary>A persistent session (clean session off) under the configured client id, so that nothing published while
    /// the cloud is down or restarting is lost; unacknowledged messages are redelivered.</summary>
    private static BrokerSettings BrokerSettings(CloudMqttOptions mqtt, string configFile) => new()
    {
        Url = mqtt.Url,
        ClientId = mqtt.ClientId,
        CleanSession = false,
        KeepAlive = TimeSpan.FromSeconds(mqtt.KeepAliveSeconds),
        Username = mqtt.Username,
        Password = mqtt.Password,
        CaFile = mqtt.CaFile is null ? null : ConfigPaths.Resolve(configFile, mqtt.CaFile),
        CertFile = mqtt.CertFile is null ? null : ConfigPaths.Resolve(configFile, mqtt.CertFile),
        KeyFile = mqtt.KeyFile is null ? null : ConfigPaths.Resolve(configFile, mqtt.KeyFile),
        ProtocolVersion = mqtt.ProtocolVersion,
    };

    private static void Bind<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
