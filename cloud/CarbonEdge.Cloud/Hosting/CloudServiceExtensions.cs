using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Cloud.Registry;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Hosting;

/// <summary>Wiring of the cloud's parts; options bound from the config file and validated on start.</summary>
internal static class CloudServiceExtensions
{
    /// <summary>Registry, InfluxDB clients and the estimator: what both <c>run</c> and <c>estimate</c> need.</summary>
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
            if (options.Seed is { } seed) store.Seed(ConfigPaths.Resolve(configFile, seed));
            return store;
        });
        services.AddSingleton(sp => new InfluxConnection(
            new HttpClient { Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<InfluxOptions>().TimeoutSeconds) },
            sp.GetRequiredService<InfluxOptions>()));
        services.AddSingleton<InfluxWriter>();
        services.AddSingleton<InfluxQueryClient>();
        services.AddSingleton<RegisterQuery>();
        services.AddSingleton<DailyEstimator>();
        return services;
    }

    /// <summary>Everything <c>cedge-cloud run</c> hosts: ingestion, live values, the scheduler.</summary>
    public static IServiceCollection AddCloudService(this IServiceCollection services, string configFile)
    {
        services.AddCloudCore(configFile);
        Bind<Hosting.CloudMqttOptions>(services, "mqtt");
        Bind<IngestionOptions>(services, "ingestion");
        services.AddSingleton<LiveValues>();
        services.AddSingleton<GatewayStatuses>();
        services.AddSingleton<LateDays>();
        services.AddHostedService<EstimationScheduler>();
        return services;
    }

    private static void Bind<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
