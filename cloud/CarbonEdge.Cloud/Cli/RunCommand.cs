using System.CommandLine;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Account;
using CarbonEdge.Cloud.Api;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Operations;
using CarbonEdge.Cloud.Regional;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CarbonEdge.Cloud.Cli;

/// <summary><c>cedge-cloud run --config FILE</c>: ingestion, estimation schedule, REST API and dashboard.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Cloud config file (JSON): mqtt, influx, registry, estimation, ingestion, http", Required = true };
        var command = new Command("run", "Run the cloud service: ingest telemetry into InfluxDB, estimate daily emissions, serve the API and dashboard") { config };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(config)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: config file {file.FullName} not found (see docs/cloud.md for its shape)");
                return 2;
            }
            var app = Build(file.FullName);
            try
            {
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (OptionsValidationException ex)
            {
                Console.Error.WriteLine($"error: {file.Name}: {string.Join("; ", ex.Failures)}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>The web application of <c>run</c> (also built by tests).</summary>
    public static WebApplication Build(string configFile, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddJsonFile(configFile, optional: false);
        builder.WebHost.UseUrls(builder.Configuration["http:urls"] ?? new HttpOptions().Urls);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, AccessJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(2, AccountJsonContext.Default);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddCloudService(configFile);
        builder.Services.AddCloudAccess(configFile);
        builder.Services.AddCloudOperations();
        builder.Services.AddCloudApiReference();
        builder.Services.AddAccount();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseHttpMetrics();
        app.UseCloudAccess();
        var api = app.MapGroup("/api/v1");
        api.MapGroup("").RequireScopedRead().MapSites().MapEmissions().MapStacks();
        api.MapGroup("").RequireAdmin().MapIngestion().MapAudit();
        api.MapRegistry();
        api.MapAccount();
        api.MapRegional();
        app.MapAccess();
        app.MapOperations();
        app.MapCloudApiReference();
        return app;
    }
}
