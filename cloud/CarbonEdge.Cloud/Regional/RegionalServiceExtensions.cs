using System.ComponentModel.DataAnnotations;
using CarbonEdge.Cloud.Hosting;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Regional;

/// <summary>Where the imported region inputs are kept (config section <c>regional</c>).</summary>
internal sealed class RegionalOptions
{
    /// <summary>SQLite file; relative to the config file (default <c>data/regional.db</c>).</summary>
    [Required]
    public string Path { get; set; } = "data/regional.db";
}

/// <summary>Wiring of the region accounting: store, runner, JSON of its endpoints.</summary>
internal static class RegionalServiceExtensions
{
    public static IServiceCollection AddRegional(this IServiceCollection services, string configFile)
    {
        services.AddOptions<RegionalOptions>().BindConfiguration("regional").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => RegionalStore.Open(ConfigPaths.Resolve(configFile, sp.GetRequiredService<IOptions<RegionalOptions>>().Value.Path)));
        services.AddSingleton<RegionalRunner>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(RegionalJsonContext.Default));
        return services;
    }
}
