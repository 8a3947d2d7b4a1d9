using System.Globalization;
using System.Text.RegularExpressions;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks.Estimation;

/// <summary>Wall time and peak resident memory of one process run under GNU <c>/usr/bin/time -v</c>.</summary>
/// <param name="Seconds">Elapsed wall-clock time, s.</param>
/// <param name="PeakMiB">Maximum resident set size, MiB.</param>
/// <param name="ExitCode">The program's exit code.</param>
/// <param name="Log">Its stdout and stderr, then time's report.</param>
internal sealed partial record TimedRun(double Seconds, double PeakMiB, int ExitCode, string Log)
{
    /// <summary>Runs <paramref name="program"/> to completion under <c>/usr/bin/time -v</c>, output to <paramref name="logPath"/>.</summary>
    public static async Task<TimedRun> RunAsync(string program, IEnumerable<string> arguments, string logPath, TimeSpan timeout)
    {
        await using var process = ExternalProcess.Start("/usr/bin/time", ["-v", program, .. arguments], logPath);
        var exit = await process.WaitForExitAsync(timeout);
        var log = process.ReadLog();
        var wall = WallClock().Match(log);
        var rss = MaxRss().Match(log);
        if (!wall.Success || !rss.Success)
        {
            throw new InvalidOperationException($"/usr/bin/time -v gave no figures (see {logPath})");
        }
        var parts = wall.Groups[1].Value.Split(':').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var seconds = parts.Aggregate(0.0, (acc, p) => acc * 60 + p);
        return new TimedRun(seconds, long.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0, exit, log);
    }

    [GeneratedRegex(@"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}
