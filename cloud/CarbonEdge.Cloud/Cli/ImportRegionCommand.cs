using System.CommandLine;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Regional;
using CarbonEdge.Estimation.Factors;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud import-region [--statistics FILE] [--electricity FILE] [--all-or-nothing] [--config FILE]</c>: imports
/// region statistics and electricity (the formats of <see cref="RegionalCsv"/>) into the service's store, as
/// <c>POST /api/v1/regions/statistics|electricity</c> does, and recomputes the provinces and years they touch
/// (<c>carbon_region</c> in the config's InfluxDB). Rejected lines are printed with file, line, column and reason.
/// Exit 0 imported (bad lines skipped and reported), 1 nothing imported, 2 usage.
/// </summary>
internal static class ImportRegionCommand
{
    public static Command Create()
    {
        var statistics = new Option<FileInfo>("--statistics") { Description = "Statistics CSV, header region,period,domain,industry,energy_kind,quantity,unit" };
        var electricity = new Option<FileInfo>("--electricity") { Description = "Electricity CSV, header region,domain,industry,day,kwh" };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Import nothing when any line is bad" };
        var config = new Option<FileInfo>("--config") { Description = "Cloud config file (default $CEDGE_CLOUD_CONFIG, then ./cedge-cloud.json)" };
        var command = new Command("import-region", "Import region statistics and electricity into the cloud and recompute the region results") { statistics, electricity, allOrNothing, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            var files = new[] { result.GetValue(statistics), result.GetValue(electricity) };
            if (files.All(f => f is null))
            {
                Console.Error.WriteLine("error: give --statistics FILE and/or --electricity FILE");
                return 2;
            }
            if (files.OfType<FileInfo>().FirstOrDefault(f => !f.Exists) is { } absent)
            {
                Console.Error.WriteLine($"error: {absent.FullName} not found");
                return 2;
            }
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            using var host = CoreHost.Build(configFile);
            try
            {
                Func<IReadOnlyList<string>, List<CsvIssue>, CsvTable>? Open(FileInfo? file) => file is null ? null : (header, issues) => CsvTable.Open(file.FullName, header, issues);
                var import = RegionalCsv.Read(Open(files[0]), Open(files[1]), host.Services.GetRequiredService<FactorLibrary>(), result.GetValue(allOrNothing));
                foreach (var issue in import.Issues)
                {
                    Console.Error.WriteLine($"{(import.Imported ? "warning" : "error")}: {issue}");
                }
                var runs = await host.Services.GetRequiredService<RegionalRunner>().ImportAsync(import, cancellationToken);
                if (!import.Imported)
                {
                    Console.Error.WriteLine($"error: --all-or-nothing: {import.Issues.Count} bad line(s), nothing imported");
                    return 1;
                }
                Console.WriteLine($"imported {import.Statistics.Count} statistics and {import.Electricity.Count} electricity lines of {import.Rows} ({import.Issues.Count} rejected); recomputed {string.Join(", ", runs)}");
                return 0;
            }
            catch (Exception ex) when (ex is CsvFileException or InfluxQueryException or InfluxWriteException or OptionsValidationException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
