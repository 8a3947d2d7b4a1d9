using CarbonEdge.Cloud.Hosting;

namespace CarbonEdge.Cloud.Cli;

/// <summary>The cloud's core parts (registry, InfluxDB, estimation, region store) hosted for a one-shot command.</summary>
internal static class CoreHost
{
    /// <summary>A host of <see cref="CloudServiceExtensions.AddCloudCore"/> on <paramref name="configFile"/>.</summary>
    public static IHost Build(string configFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(configFile, optional: false);
        builder.Services.AddLogging();
        builder.Services.AddCloudCore(configFile);
        return builder.Build();
    }
}
