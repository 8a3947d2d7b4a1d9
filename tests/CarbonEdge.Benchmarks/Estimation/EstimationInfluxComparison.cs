using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Benchmarks.Estimation;

/// <summary>
/// <c>cedge-bench compare estimation-influx [--meters N] [--cedge-cloud PATH]</c>: the same day of 10,000 meters in a
/// real influxd (written as <c>reading</c> points with the ingestion's tags), then the real
/// <c>cedge-cloud estimate --day</c> (registry lookup, one InfluxQL query per 2,000 meters, two at a time, formulas 1
/// and 2, write back of <c>carbon_daily</c>, then the month/quarter/year, industry and region roll-ups rebuilt and
/// written to <c>carbon_rollup</c>) under <c>/usr/bin/time -v</c>. Peer in the same run: influxd computing each meter's naive
/// register spread for the day itself (<c>SELECT SPREAD(value) ... GROUP BY device</c>, no interpolation, rollover,
/// multiplier or write back).
/// </summary>
internal static class EstimationInfluxComparison
{
    private const string Database = "carbonedge";

    public static async Task<int> RunAsync(string[] args)
    {
        var meters = BenchArguments.Int(args, "--meters", 10_000);
        var cloud = CedgeCloud.Find(BenchArguments.Text(args, "--cedge-cloud"));
        var folder = RunFolder.Create("bench-estimation-influx");
        await using var influx = await InfluxServer.StartAsync("bench-estimation-influxd");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var connection = new InfluxConnection(http, new InfluxOptions { Url = influx.Url, Database = Database, TimeoutSeconds = 300 });
        await new InfluxQueryClient(connection).ExecuteAsync($"CREATE DATABASE {Database}", CancellationToken.None);

        Console.WriteLine($"loading {meters} meters x {EstimationBenchData.ReadingsPerMeter} readings into influxd at {influx.Url} ...");
        var load = Stopwatch.StartNew();
        var writer = new InfluxWriter(connection, NullLogger<InfluxWriter>.Instance);
        for (var k = 0; k < EstimationBenchData.ReadingsPerMeter; k++)
        {
            var ms = (EstimationBenchData.Start + TimeSpan.FromMinutes(15 * k)).ToUnixTimeMilliseconds();
            var points = Enumerable.Range(0, meters).Select(m => new LinePoint("reading",
                [new("site", "site-" + EstimationBenchData.Enterprise(m)), new("gateway", "gw-1"), new("device", EstimationBenchData.Device(m)),
                 new("point", "energy.active.import"), new("enterprise", EstimationBenchData.Enterprise(m)),
                 new("region", EstimationBenchData.Region(m)), new("industry", EstimationBenchData.Industry(m))],
                [new("value", EstimationBenchData.Value(m, k)), new("quality", "good")], ms)).ToList();
            var result = await writer.WriteAsync(points, CancellationToken.None);
            if (result.Rejected.Count > 0) throw new InvalidOperationException($"influxd refused readings: {result.Rejected[0].Error}");
        }
        load.Stop();

        using (var registry = RegistryStore.Open(folder.File("registry.db")))
        {
            var seed = new RegistrySeed();
            for (var m = 0; m < meters; m++)
            {
                if (m % 10 == 0)
                {
                    seed.Enterprises.Add(new EnterpriseInfo(EstimationBenchData.Enterprise(m), "bench", EstimationBenchData.Region(m), EstimationBenchData.Industry(m)));
                    seed.Sites.Add(new SiteInfo("site-" + EstimationBenchData.Enterprise(m), EstimationBenchData.Enterprise(m), "bench"));
                }
                seed.Devices.Add(new DeviceInfo("site-" + EstimationBenchData.Enterprise(m), EstimationBenchData.Device(m), "meter", "bench",
                    m % 3 == 0 ? 40 : 1, EstimationBenchData.Wraps(m) ? 999999.99 : null, 900));
            }
            registry.Seed(seed);
        }
        var config = folder.File("cedge-cloud.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            influx = new { url = influx.Url, database = Database, timeoutSeconds = 300 },
            registry = new { path = folder.File("registry.db") },
            estimation = new { zone = "Asia/Shanghai" },
        }));

        var day = EstimationBenchData.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ours = await TimedRun.RunAsync(cloud, ["estimate", "--day", day, "--config", config], folder.File("ours.log"), TimeSpan.FromMinutes(10));
        var written = await CountAsync(http, influx.Url, "SELECT count(kwh) FROM carbon_daily");

        var (start, end) = (EstimationBenchData.Start, EstimationBenchData.Start.AddDays(1));
        var peer = Stopwatch.StartNew();
        var spreads = await CountAsync(http, influx.Url, "SELECT SPREAD(value) FROM reading WHERE point = 'energy.active.import' " +
            $"AND time >= {InfluxQl.Time(start)} AND time <= {InfluxQl.Time(end)} GROUP BY device");
        peer.Stop();

        Console.WriteLine();
        Console.WriteLine($"one local day ({day}, Asia/Shanghai), {meters} meters, {(long)meters * EstimationBenchData.ReadingsPerMeter} readings in influxd " +
                          $"(loaded in {load.Elapsed.TotalSeconds:F1} s, not counted)");
        Console.WriteLine($"{"run",-64} {"wall s",8} {"peak MiB",9} {"rows",6}");
        Console.WriteLine($"{"ours: cedge-cloud estimate --day (query+compute+write+roll-ups)",-64} {ours.Seconds,8:F2} {ours.PeakMiB,9:F0} {written,6}");
        Console.WriteLine($"{"peer: influxd SELECT SPREAD(value) GROUP BY device (no write)",-64} {peer.Elapsed.TotalSeconds,8:F2} {"(server)",9} {spreads,6}");
        return ours.ExitCode == 0 && written == meters / 10 ? 0 : 1;
    }

    /// <summary>Rows of a query's result (over all series), with the raw HTTP API.</summary>
    private static async Task<long> CountAsync(HttpClient http, string url, string query)
    {
        var body = await http.GetStringAsync($"{url}/query?db={Database}&q={Uri.EscapeDataString(query)}");
        using var doc = JsonDocument.Parse(body);
        long rows = 0;
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException($"influxd: {error.GetString()}");
            if (!result.TryGetProperty("series", out var series)) continue;
            foreach (var s in series.EnumerateArray())
            {
                var values = s.GetProperty("values");
                rows += query.Contains("count(", StringComparison.Ordinal) ? values[0][1].GetInt64() : values.GetArrayLength();
            }
        }
        return rows;
    }
}
