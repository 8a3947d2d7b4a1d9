using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// <c>cedge-bench compare fleet [--devices N] [--seconds S] [--interval-ms I] [--cedge PATH]</c> (issue 15): one
/// <c>cedge run</c> process (the shipped native gateway in <c>artifacts/bin</c> unless <c>--cedge</c> names another)
/// polling N meters of one <c>cedge-sim fleet</c> process over Modbus TCP every I ms, publishing to one mosquitto started
/// for the run (plain MQTT, anonymous, as the uplink benchmark). Once every meter's readings have arrived and none comes
/// late (all devices connected, the start-up backlog sent), until what the meters offer in S seconds has arrived, timed: readings/s arriving at the broker (counted by a QoS 1 subscriber, good and bad apart) against
/// the offered rate (N x points / I); then the fleet stops and the gateway drains: the energy register readings the fleet
/// served (its own count, the peer in the same run) against those that reached the broker; the gateway's CPU (utime + stime from /proc, in % of one core) and peak
/// RSS (VmHWM); acquisition-to-broker age of the readings p50/p99.
/// </summary>
internal static class FleetComparison
{
    public const string Description = "one cedge gateway polling N simulated Modbus TCP meters (cedge-sim fleet) at 1 s: readings/s, CPU, peak RSS vs the offered rate";

    public static async Task<int> RunAsync(string[] args)
    {
        int devices = BenchArguments.Int(args, "--devices", 500), seconds = BenchArguments.Int(args, "--seconds", 60), intervalMs = BenchArguments.Int(args, "--interval-ms", 1000);
        var folder = RunFolder.Create("bench-fleet");
        await using var broker = await MosquittoBroker.StartAsync("bench-fleet", MosquittoOptions.PlainAnonymous);
        int listenBase = FreePort.Range(devices);
        string sim = Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll");
        await using var fleet = ExternalProcess.Start("dotnet", [sim, "fleet", "--devices", Text(devices), "--listen-base", Text(listenBase), "--served", folder.File("served.csv")], folder.File("fleet.log"));
        await fleet.WaitForLogAsync(" serving ", TimeSpan.FromSeconds(60));
        string config = folder.File("gateway.json");
        await using (var writer = ExternalProcess.Start("dotnet", [sim, "fleet", "config", "--devices", Text(devices), "--listen-base", Text(listenBase),
            "--broker", broker.Url, "--interval-ms", Text(intervalMs), "--out", config], folder.File("config.log")))
        {
            if (await writer.WaitForExitAsync(TimeSpan.FromSeconds(60)) != 0) throw new InvalidOperationException($"cedge-sim fleet config failed: {writer.ReadLog()}");
        }
        int points = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(config))!["devices"]![0]!["points"]!.AsArray().Count;

        await using var counter = await BrokerArrivals.StartAsync(broker, TelemetryTopics.Telemetry("plant-01", "gw-fleet"));
        string cedge = BenchArguments.Text(args, "--cedge") ?? ShippedGateway.Path;
        await using var gateway = ExternalProcess.Start(cedge, ["run", "--config", config], folder.File("gateway.log"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gateway {cedge}; {devices} meters ({points} points each) on 127.0.0.1:{listenBase}-{listenBase + devices - 1}, every {intervalMs} ms; mosquitto 127.0.0.1:{broker.Port}; {Environment.ProcessorCount} cores; load average {BenchArguments.LoadAverage()}"));
        Console.WriteLine("warm-up: until every meter's readings are at the broker and none is late (connections, start-up backlog, JIT in a runtime build)");
        var caughtUp = TimeSpan.FromMilliseconds(2 * intervalMs + 1000); // a poll round plus the uplink's 1 s flush
        await Poll.UntilAsync("every meter's readings at the broker, none late", TimeSpan.FromSeconds(180),
            () => counter.Devices == devices && counter.LastOldestAgeMs < caughtUp.TotalMilliseconds, TimeSpan.FromMilliseconds(200));

        double offered = devices * points * 1000.0 / intervalMs;
        long before = counter.Good; // the window opens and closes on a batch's arrival, so neither end cuts a batch
        await Poll.UntilAsync("the next batch at the broker", TimeSpan.FromSeconds(30), () => counter.Good != before, TimeSpan.FromMilliseconds(2));
        var (good0, bad0) = (counter.Good, counter.Bad);
        var cpu0 = ProcessCpu.Of(gateway.Id);
        counter.ResetAges();
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        // the window: until the gateway has delivered what the meters offer in S seconds (timed, so a slower gateway takes longer)
        await Poll.UntilAsync($"{offered * seconds:N0} good readings at the broker", TimeSpan.FromSeconds(3 * seconds + 60), () =>
        {
            if (clock.Elapsed - reported >= TimeSpan.FromSeconds(10))
            {
                reported = clock.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t+{clock.Elapsed.TotalSeconds:0} s: {(counter.Good - good0) / clock.Elapsed.TotalSeconds:N0} good readings/s"));
            }
            return counter.Good - good0 >= offered * seconds;
        }, TimeSpan.FromMilliseconds(100));
        double elapsed = clock.Elapsed.TotalSeconds;
        double good = (counter.Good - good0) / elapsed, bad = (counter.Bad - bad0) / elapsed;
        double cpu = (ProcessCpu.Of(gateway.Id) - cpu0).TotalSeconds / elapsed * 100;
        long rssKb = PeakRssKb(gateway.Id);
        var (p50, p99) = counter.AgePercentiles();
        await fleet.SignalAsync(15, TimeSpan.FromSeconds(20)); // SIGTERM: a bench started in the background ignores SIGINT, and so do its children
        long served = File.ReadLines(folder.File("served.csv")).Skip(1).Sum(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture));
        long last = -1;
        await Poll.UntilAsync("the gateway draining what the fleet served", TimeSpan.FromMinutes(2), () =>
        {
            bool settled = counter.Energy == last;
            last = counter.Energy;
            return counter.Energy >= served || settled;
        }, TimeSpan.FromSeconds(5));
        await gateway.SignalAsync(15, TimeSpan.FromSeconds(20));

        Console.WriteLine();
        Console.WriteLine($"{"",-44} {"per second",12}");
        Row("offered (devices x points / interval)", offered);
        Row("good readings at the broker (gateway)", good);
        Row("bad readings at the broker", bad);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"good / offered: {good / offered:0.000}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"energy register readings served by the fleet {served:N0}, at the broker {counter.Energy:N0} ({counter.Energy - served:+#;-#;0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway CPU {cpu:0.0} % of one core; peak RSS {rssKb / 1024.0:0.0} MB (goal <= 100 MB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acquisition-to-broker age p50 {p50:0} ms, p99 {p99:0} ms"));
        return 0;
    }

    private static void Row(string what, double perSecond) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-44} {perSecond,12:N0}"));

    /// <summary>VmHWM of <paramref name="pid"/>, kB (proc(5) /proc/PID/status).</summary>
    private static long PeakRssKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
