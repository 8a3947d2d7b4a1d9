using System.CommandLine;
using System.Globalization;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation.Factors;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud estimate --day YYYY-MM-DD [--config FILE] [--enterprise ID]</c>: runs the daily estimate for one day
/// against the InfluxDB and registry of the cloud config (as the scheduler does) and writes <c>carbon_daily</c>.
/// The config is <c>--config</c>, else <c>$CEDGE_CLOUD_CONFIG</c>, else <c>./cedge-cloud.json</c>.
/// With <c>--readings</c> it runs offline on files instead (<see cref="EstimateOffline"/>).
/// </summary>
internal static class EstimateCommand
{
    public static Command Create()
    {
        var day = new Option<string>("--day") { Description = "Local day to estimate, YYYY-MM-DD (in the config's estimation zone)" };
        var config = new Option<FileInfo>("--config") { Description = "Cloud config file (default $CEDGE_CLOUD_CONFIG, then ./cedge-cloud.json)" };
        var enterprise = new Option<string>("--enterprise") { Description = "Only this enterprise id" };
        var command = new Command("estimate", "Estimate a day's electricity and emissions and write them to InfluxDB (carbon_daily); with --readings, estimate days from CSV files") { day, config, enterprise };
        var offline = new EstimateOffline(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (offline.Requested(result)) return offline.Run(result);
            if (result.GetValue(day) is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Console.Error.WriteLine("error: --day YYYY-MM-DD is required (e.g. --day 2026-11-21)");
                return 2;
            }
            string configFile = result.GetValue(config)?.FullName
                ?? Environment.GetEnvironmentVariable("CEDGE_CLOUD_CONFIG") ?? Path.GetFullPath("cedge-cloud.json");
            if (!File.Exists(configFile))
            {
                Console.Error.WriteLine($"error: cloud config {configFile} not found; pass --config FILE (scripts/demo.sh writes .run/cloud/cedge-cloud.json)");
                return 2;
            }
            return await RunOnlineAsync(configFile, date, result.GetValue(enterprise), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunOnlineAsync(string configFile, DateOnly day, string? enterprise, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(configFile, optional: false);
        builder.Services.AddLogging();
        builder.Services.AddCloudCore(configFile);
        using var host = builder.Build();
        try
        {
            var estimator = host.Services.GetRequiredService<DailyEstimator>();
            var results = await estimator.EstimateAsync(day, cancellationToken, enterprise);
            if (results.Count == 0)
            {
                Console.Error.WriteLine(enterprise is null
                    ? "no enterprise with meters in the registry: nothing to estimate (seed the registry first)"
                    : $"no enterprise '{enterprise}' with meters in the registry");
                return 1;
            }
            var table = new Table().AddColumns("enterprise", "day", "method", "kWh", "tCO2", "completeness", "estimated", "factor");
            foreach (var r in results)
            {
                table.AddRow(r.Enterprise.Id, $"{r.Day:yyyy-MM-dd}", "grid", r.Kwh.ToString("F3", CultureInfo.InvariantCulture),
                    r.Tco2.ToString("F6", CultureInfo.InvariantCulture), r.Completeness.ToString("P1", CultureInfo.InvariantCulture),
                    r.Estimated ? "yes" : "no", Markup.Escape(r.FactorVersion));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"written to InfluxDB measurement carbon_daily ({results.Count} row{(results.Count == 1 ? "" : "s")})");
            return 0;
        }
        catch (Exception ex) when (ex is InfluxQueryException or InfluxWriteException or FactorNotFoundException or OptionsValidationException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
