using System.Globalization;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks.Estimation;

/// <summary>
/// <c>cedge-bench compare estimation-csv [--meters N] [--cedge-cloud PATH]</c>: one day of 10,000 meters at 15-minute
/// readings from CSV through the real <c>cedge-cloud estimate --readings ... --out</c> (process start, CSV read,
/// formula 1 per meter, scope 2 per enterprise, CSV write), with and without <c>--rollup</c>; target at most 10 s.
/// Peer in the same run: sqlite3 importing the same file and computing each meter's naive register spread
/// (max - min, no interpolation, rollover or multiplier) — the floor of "read the file and group by device".
/// Both under <c>/usr/bin/time -v</c> for wall time and peak memory.
/// </summary>
internal static class EstimationCsvComparison
{
    public static async Task<int> RunAsync(string[] args)
    {
        var meters = BenchArguments.Int(args, "--meters", 10_000);
        var cloud = CedgeCloud.Find(BenchArguments.Text(args, "--cedge-cloud"));
        var folder = RunFolder.Create("bench-estimation-csv");
        var data = new EstimationBenchData(meters);
        Console.WriteLine($"generating {meters} meters x {EstimationBenchData.ReadingsPerMeter} readings in {folder.Path} ...");
        data.WriteCsv(folder.File("meters.csv"), folder.File("readings.csv"));
        var rows = (long)meters * EstimationBenchData.ReadingsPerMeter;
        var size = new FileInfo(folder.File("readings.csv")).Length / 1048576.0;
        var day = EstimationBenchData.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] common = ["estimate", "--readings", folder.File("readings.csv"), "--meters", folder.File("meters.csv"), "--from", day, "--to", day];

        var timeout = TimeSpan.FromMinutes(5);
        var ours = await TimedRun.RunAsync(cloud, [.. common, "--out", folder.File("out.csv")], folder.File("ours.log"), timeout);
        var oursRollup = await TimedRun.RunAsync(cloud, [.. common, "--rollup", "--out", folder.File("out-rollup.csv")], folder.File("ours-rollup.log"), timeout);
        var sql = "SELECT count(*), sum(spread) FROM (SELECT device, max(CAST(value AS REAL)) - min(CAST(value AS REAL)) AS spread FROM r " +
                  "WHERE point = 'energy.active.import' AND quality = 'good' GROUP BY device);";
        var peer = await TimedRun.RunAsync(Tools.Resolve("sqlite3"), [":memory:", "-cmd", ".mode csv", "-cmd", $".import {folder.File("readings.csv")} r", sql],
            folder.File("sqlite3.log"), timeout);

        var outRows = File.ReadLines(folder.File("out.csv")).Count() - 1;
        Console.WriteLine();
        Console.WriteLine($"one local day ({day}, Asia/Shanghai), {meters} meters, {rows} reading rows ({size:F1} MiB CSV), {meters / 10} enterprises");
        Console.WriteLine($"{"run",-58} {"wall s",8} {"peak MiB",9} {"exit",5}");
        Print("ours: cedge-cloud estimate --readings (formula 1 + grid)", ours);
        Print("ours: same with --rollup", oursRollup);
        Print("peer: sqlite3 .import + GROUP BY device max-min", peer);
        Console.WriteLine($"ours wrote {outRows} daily rows; target <= 10 s: {(ours.Seconds <= 10 && ours.ExitCode == 0 ? "met" : "NOT met")}");
        return ours.ExitCode == 0 && oursRollup.ExitCode == 0 ? 0 : 1;
    }

    private static void Print(string name, TimedRun run) =>
        Console.WriteLine($"{name,-58} {run.Seconds,8:F2} {run.PeakMiB,9:F0} {run.ExitCode,5}");
}
