using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Benchmarks.Estimation;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Regional;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Benchmarks.Regional;

/// <summary>
/// <c>cedge-bench compare region-province [--cedge-cloud PATH]</c>: a province of 100 counties, 5 domains (6 series with
/// two industries), one year of days (<see cref="RegionBenchData"/>). Offline: the real <c>cedge-cloud estimate-region
/// --level province</c> under <c>/usr/bin/time -v</c>; peer in the same run: sqlite3 importing the electricity file and
/// summing it by county, domain and month (the floor of "read and group the file"). Service: the same files imported
/// in process through <see cref="RegionalRunner.ImportAsync"/> (store in SQLite, run every level, write every row to a
/// real influxd as <c>carbon_region</c>), timed with its peak working set.
/// </summary>
internal static class RegionComparison
{
    public const string Description = "a province of 100 counties, 5 domains, one year of days: estimate-region offline and in the service vs sqlite3 group-by";

    public static async Task<int> RunAsync(string[] args)
    {
        var cloud = CedgeCloud.Find(BenchArguments.Text(args, "--cedge-cloud"));
        var folder = RunFolder.Create("bench-region");
        var (statisticsPath, electricityPath) = (folder.File("statistics.csv"), folder.File("electricity.csv"));
        var (statisticsLines, electricityLines) = RegionBenchData.Write(statisticsPath, electricityPath);
        Console.WriteLine($"{statisticsLines} statistics lines, {electricityLines} electricity lines ({new FileInfo(electricityPath).Length / 1048576.0:F1} MiB) in {folder.Path}");

        var timeout = TimeSpan.FromMinutes(10);
        var offline = await TimedRun.RunAsync(cloud, ["estimate-region", "--statistics", statisticsPath, "--electricity", electricityPath, "--level", "province",
            "--from", "2025-01-01", "--to", "2025-12-31", "--out", folder.File("province.csv")], folder.File("offline.log"), timeout);
        var peer = await TimedRun.RunAsync(Tools.Resolve("sqlite3"), [":memory:", "-cmd", ".mode csv", "-cmd", $".import {electricityPath} e",
            "SELECT count(*) FROM (SELECT region, domain, substr(day, 1, 7), sum(CAST(kwh AS REAL)) FROM e GROUP BY 1, 2, 3);"], folder.File("sqlite3.log"), timeout);

        await using var influx = await InfluxServer.StartAsync("bench-region-influxd");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var connection = new InfluxConnection(http, new InfluxOptions { Url = influx.Url, Database = "carbonedge", TimeoutSeconds = 300 });
        var query = new InfluxQueryClient(connection);
        await query.ExecuteAsync("CREATE DATABASE carbonedge", CancellationToken.None);
        var factors = FactorLibrary.LoadEmbedded();
        using var store = RegionalStore.Open(folder.File("regional.db"));
        var runner = new RegionalRunner(store, query, new InfluxWriter(connection, NullLogger<InfluxWriter>.Instance), new EstimationOptions(), factors,
            TimeProvider.System, NullLogger<RegionalRunner>.Instance);
        var process = Process.GetCurrentProcess();
        GC.Collect();
        var before = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        var import = RegionalCsv.Read((h, i) => CsvTable.Open(statisticsPath, h, i), (h, i) => CsvTable.Open(electricityPath, h, i), factors, allOrNothing: true);
        var parsed = clock.Elapsed.TotalSeconds;
        await runner.ImportAsync(import, CancellationToken.None);
        var service = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var rows = runner.Latest(CarbonEdge.Estimation.Regions.RegionCode.Parse("320000"))!.Run.Results.Count;

        // Where the service's time goes: the engine alone on the parsed lines, in this process.
        clock.Restart();
        var engine = CarbonEdge.Estimation.Regional.RegionalAccounting.Run(import.Statistics, import.Electricity,
            new CarbonEdge.Estimation.Regional.RegionalRequest(CarbonEdge.Estimation.Regions.RegionLevel.Province, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), factors);
        var engineSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var points = engine.Results.Select(r => CarbonRegionPoints.From(r, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))).ToList();
        var writer = new InfluxWriter(connection, NullLogger<InfluxWriter>.Instance);
        for (var i = 0; i < points.Count; i += 5000)
        {
            await writer.WriteAsync(points.GetRange(i, Math.Min(5000, points.Count - i)), CancellationToken.None);
        }
        var writeSeconds = clock.Elapsed.TotalSeconds;

        var provinceRows = File.ReadLines(folder.File("province.csv")).Count() - 1;
        Console.WriteLine();
        Console.WriteLine($"{"run",-66} {"wall s",8} {"peak MiB",9} {"exit",5}");
        Console.WriteLine($"{"ours: cedge-cloud estimate-region --level province (process)",-66} {offline.Seconds,8:F2} {offline.PeakMiB,9:F0} {offline.ExitCode,5}");
        Console.WriteLine($"{"peer: sqlite3 .import electricity + GROUP BY county, domain, month",-66} {peer.Seconds,8:F2} {peer.PeakMiB,9:F0} {peer.ExitCode,5}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"ours: service import (parse, store, run all levels, write influxd)",-66} {service,8:F2} {process.PeakWorkingSet64 / 1048576.0,9:F0} {"-",5}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offline wrote {provinceRows} province rows; the service parsed in {parsed:F2} s and wrote {rows} carbon_region rows (all levels); working set {before / 1048576.0:F0} MiB before"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parts, in this process: engine (all levels, checks, anomalies) {engineSeconds:F2} s; writing its {points.Count} points to influxd again {writeSeconds:F2} s"));
        return offline.ExitCode == 0 && peer.ExitCode == 0 ? 0 : 1;
    }
}
