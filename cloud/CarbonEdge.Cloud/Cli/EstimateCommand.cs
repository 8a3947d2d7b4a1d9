using System.CommandLine;
using System.Globalization;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Estimation.Rollups;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regions;
using CarbonEdge.Estimation.Rollups;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud estimate --day YYYY-MM-DD [--config FILE] [--enterprise ID]</c>: runs the daily estimate for one day
/// against the InfluxDB and registry of the cloud config (as the scheduler does), writes <c>carbon_daily</c> and rebuilds
/// the <c>carbon_rollup</c> rows the day belongs to; prints both.
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
        var command = new Command("estimate", "Estimate a day's electricity and emissions and write them and their roll-ups to InfluxDB (carbon_daily, carbon_rollup); with --readings, estimate days from CSV files") { day, config, enterprise };
        var offline = new EstimateOffline(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (offline.Requested(result)) return offline.Run(result);
            if (result.GetValue(day) is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Console.Error.WriteLine("error: --day YYYY-MM-DD is required (e.g. --day 2026-11-21)");
                return 2;
            }
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            return await RunOnlineAsync(configFile, date, result.GetValue(enterprise), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunOnlineAsync(string configFile, DateOnly day, string? enterprise, CancellationToken cancellationToken)
    {
        using var host = CoreHost.Build(configFile);
        try
        {
            var registry = host.Services.GetRequiredService<RegistryStore>();
            var only = enterprise is null ? null : registry.Enterprises().FirstOrDefault(e => e.Id == enterprise);
            if (enterprise is not null && only is null)
            {
                Console.Error.WriteLine($"error: no enterprise '{enterprise}' in the registry (known: {string.Join(", ", registry.Enterprises().Select(e => e.Id).Take(10))})");
                return 1;
            }
            var run = await host.Services.GetRequiredService<EstimationRun>().RunAsync([day], cancellationToken, enterprise);
            using (var audit = AuditLog.Open(CliConfig.RegistryFile(configFile)))
            {
                audit.Append(CliConfig.Actor, "estimation.rerun", $"{day:yyyy-MM-dd}{(enterprise is null ? "" : " " + enterprise)}", "ok",
                    $"{run.Days[0].Results.Count} daily rows, {run.Rollups.Count} roll-up rows written");
            }
            var estimate = run.Days[0];
            foreach (var notice in estimate.Notices) Console.Error.WriteLine($"warning: {notice}");
            if (estimate.Results.Count == 0)
            {
                Console.Error.WriteLine(enterprise is null
                    ? "no enterprise with devices in the registry could be estimated: nothing written (seed the registry first)"
                    : $"enterprise '{enterprise}' has no device that could be estimated: nothing written");
                return 1;
            }
            var ci = CultureInfo.InvariantCulture;
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200); // a log or pipe: no wrapped cells
            var daily = new Table().AddColumns("enterprise", "day", "method", "scope", "kWh", "tCO2", "completeness", "estimated", "factors");
            foreach (var r in estimate.Results)
            {
                daily.AddRow(r.Enterprise.Id, $"{r.Day:yyyy-MM-dd}", WireName.Of(r.Model), r.Scope, r.Kwh.ToString("F3", ci), r.Tco2.ToString("F6", ci),
                    r.Completeness.ToString("P1", ci), r.Estimated ? "yes" : "no", Markup.Escape(r.FactorVersion));
            }
            AnsiConsole.Write(daily);
            var shown = run.Rollups.Where(r => only is null ? r.Row.Level != RollupLevel.Enterprise && r.Industry is null : Concerns(r, only)).ToList();
            var rollups = new Table().AddColumns("parent", "period", "method", "kWh", "tCO2", "completeness", "children (missing)", "reference kWh", "consistent");
            foreach (var (row, _, industry) in shown)
            {
                string parent = row.Level is RollupLevel.Enterprise or RollupLevel.Industry ? row.Key : $"{row.Key} {WireName.Of(row.Level)}";
                rollups.AddRow(Markup.Escape(industry is null ? parent : $"{parent}, industry {industry}"), row.Period.ToString(),
                    WireName.Of(row.Model), row.Kwh.ToString("F3", ci), row.Tco2.ToString("F6", ci), row.Completeness.ToString("P1", ci),
                    $"{row.Children} ({row.ChildrenMissing})", row.ReferenceKwh?.ToString("F3", ci) ?? "-", row.Consistent ? "yes" : "[red]no[/]");
            }
            Console.WriteLine(only is null ? "roll-ups of industries and regions:" : $"roll-ups of {only.Id} and its industry and regions:");
            AnsiConsole.Write(rollups);
            int ofEnterprises = run.Rollups.Count(r => r.Row.Level == RollupLevel.Enterprise);
            Console.WriteLine($"written to InfluxDB: carbon_daily {estimate.Results.Count} row{(estimate.Results.Count == 1 ? "" : "s")}, " +
                              $"carbon_rollup {run.Rollups.Count} rows ({ofEnterprises} enterprise periods, {run.Rollups.Count - ofEnterprises} industry and region rows); " +
                              $"{run.Rollups.Count(r => !r.Row.Consistent)} inconsistent");
            return 0;
        }
        catch (Exception ex) when (ex is InfluxQueryException or InfluxWriteException or FactorLibraryException or OptionsValidationException or InvalidDataException || EventHubsExport.IsFailure(ex))
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>A roll-up of the enterprise itself or of one of its parents (its industry, county, city, province).</summary>
    private static bool Concerns(CarbonRollup rollup, EnterpriseInfo enterprise)
    {
        if (rollup.Industry is { } industry && industry != enterprise.Industry) return false;
        var key = rollup.Row.Key;
        var code = RegionCode.Parse(enterprise.Region);
        return key == enterprise.Id || (rollup.Industry is null && key == "industry:" + enterprise.Industry)
            || code.Ancestors().Prepend(code).Any(c => key == "region:" + c.Value);
    }
}
