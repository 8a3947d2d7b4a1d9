using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// <c>cedge-bench compare ingestion [--readings N] [--rounds R] [--seconds S]</c>, on one mosquitto and one influxd
/// started for the run (issue 15):
/// (a) capacity: N readings in 500-reading batches from 10 gateways, queued at the broker for the cloud's persistent
/// session, then ingested (validation, tagging, line protocol, InfluxDB writes, PUBACKs), timed from the first message
/// taken to the last reading written; against the same line protocol POSTed straight to InfluxDB in 5000-point bodies by
/// as many writers as ingestion has writes in flight. After a warm-up round, rounds alternate, each into a fresh database,
/// so both see the same machine load (the warm-up round is as large as the others). Each side's CPU per reading (this process, influxd, mosquitto) shows where the
/// time goes: on 2 cores the cloud's CPU is taken from influxd's.
/// (b) latency: 20 gateways each sending a batch acquired just now every 200 ms, at half the measured ingestion capacity,
/// for S seconds; acquisition-to-InfluxDB latency p50/p99 seen by polling InfluxDB every 20 ms (<see cref="ArrivalWatch"/>).
/// </summary>
internal static class IngestionComparison
{
    public const string Description = "cloud ingestion readings/s broker -> InfluxDB vs the same line protocol POSTed straight to InfluxDB; latency p50/p99 at half capacity";

    private const int PerMessage = 500, Gateways = 10, LatencyGateways = 20;
    private static readonly TimeSpan LatencyInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(string[] args)
    {
        int readings = BenchArguments.Int(args, "--readings", 200_000), rounds = BenchArguments.Int(args, "--rounds", 3), seconds = BenchArguments.Int(args, "--seconds", 20);
        await using var rig = await IngestionRig.StartAsync("bench-ingestion");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mosquitto 127.0.0.1:{rig.Broker.Port}, influxd {rig.Influx.Url}; {readings:N0} readings in batches of {PerMessage}; {Environment.ProcessorCount} cores; {(GCSettings.IsServerGC ? "server" : "workstation")} GC (cedge-cloud runs server GC: DOTNET_gcServer=1 to match); load average {BenchArguments.LoadAverage()}"));
        // warm-up as large as a round (JIT up to tier 1, influxd's first shards), not counted
        var warmUp = IngestionRig.Batches(readings, PerMessage, Gateways, DateTimeOffset.UtcNow.AddHours(-2));
        await TimeIngestionAsync(rig, warmUp, readings, "warmup");
        await TimeDirectAsync(rig, warmUp, "warmup", "warmupdirect");
        Console.WriteLine($"{"",6} | {"",21} {"",23} {"",6} | CPU us/reading: {"ingestion",17} | {"direct POST",17}");
        Console.WriteLine($"{"round",6} | {"ingestion readings/s",21} {"direct POST readings/s",23} {"ratio",6} | {"",15} {"self influxd mosq",17} | {"self influxd mosq",17}");
        var ratios = new List<double>();
        var rates = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var messages = IngestionRig.Batches(readings, PerMessage, Gateways, DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(round));
            var ingestion = await TimeIngestionAsync(rig, messages, readings, $"ingest{round}");
            var direct = await TimeDirectAsync(rig, messages, $"ingest{round}", $"direct{round}");
            double ours = readings / ingestion.Elapsed.TotalSeconds, peer = readings / direct.Elapsed.TotalSeconds;
            ratios.Add(ours / peer);
            rates.Add(ours);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round,6} | {ours,21:N0} {peer,23:N0} {ours / peer,5:0.00}x | {"",15} {ingestion.Cpu.PerReading(readings)} | {direct.Cpu.PerReading(readings)}"));
        }
        double capacity = Median(rates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio ingestion / direct POST: {Median(ratios):0.00}x (goal >= 0.9x); median ingestion {capacity:N0} readings/s"));

        var (p50, p99, count, missing) = await MeasureLatencyAsync(rig, capacity / 2, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency at {capacity / 2:N0} readings/s ({LatencyGateways} gateways, a batch every {LatencyInterval.TotalMilliseconds:0} ms each, {seconds} s): p50 {p50:N0} ms, p99 {p99:N0} ms over {count} messages, {missing} not stored (goal p99 <= 2000 ms); load average {BenchArguments.LoadAverage()}"));
        return 0;
    }

    /// <summary>Queues the messages for an offline persistent session, starts the cloud, times first message taken to last reading written.</summary>
    private static async Task<Timed> TimeIngestionAsync(IngestionRig rig, List<(string Topic, byte[] Payload)> messages, int readings, string database)
    {
        Garbage.Settle();
        string clientId = $"bench-cloud-{database}";
        using (var first = await rig.StartCloudAsync(database, clientId)) await first.StopAsync(); // creates the session and its subscription
        await rig.PublishAllAsync(messages);
        using var host = await rig.StartCloudAsync(database, clientId);
        var stats = host.Services.GetRequiredService<IngestionStats>();
        long start = 0, end = 0;
        ProcessCpu cpuStart = default, cpuEnd = default;
        await Poll.UntilAsync("ingestion done", TimeSpan.FromMinutes(5), () =>
        {
            var s = stats.Snapshot();
            if (start == 0 && s.Messages > 0) (start, cpuStart) = (Stopwatch.GetTimestamp(), ProcessCpu.Now());
            if (s.ReadingsWritten < readings) return false;
            (end, cpuEnd) = (Stopwatch.GetTimestamp(), ProcessCpu.Now());
            return true;
        }, TimeSpan.FromMilliseconds(2));
        await host.StopAsync();
        return new Timed(Stopwatch.GetElapsedTime(start, end), cpuEnd - cpuStart);
    }

    /// <summary>
    /// The same readings as the same line protocol (tags from the registry the cloud used), formatted before the clock starts
    /// into 5000-point UTF-8 bodies and POSTed by <see cref="BatchingWriter.WritesInFlight"/> writers at once, as many as
    /// ingestion has in flight (RUNBOOK.md: two writers took InfluxDB 1.6 from 131k to 232k points/s here).
    /// </summary>
    private static async Task<Timed> TimeDirectAsync(IngestionRig rig, List<(string Topic, byte[] Payload)> messages, string registryOf, string database)
    {
        await rig.Influx.CreateDatabaseAsync(database);
        using var registry = RegistryStore.Open(rig.Folder.File($"registry-{registryOf}.db"));
        var points = new List<LinePoint>();
        foreach (var (_, payload) in messages)
        {
            if (!TelemetryCodec.TryDeserialize(payload, out TelemetryBatch? batch, out string? error)) throw new InvalidOperationException(error);
            points.AddRange(batch.Readings.Select(r => ReadingPoints.From(batch.Site, batch.Gateway, r, registry.FindDevice(batch.Site, r.Device))));
        }
        var bodies = new Queue<byte[]>(points.Chunk(5000).Select(c =>
        {
            using var body = LineProtocol.Encode(c);
            return body.Memory.ToArray();
        }));
        using var http = new HttpClient();
        Garbage.Settle();
        var cpuStart = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, BatchingWriter.WritesInFlight).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                byte[] body;
                lock (bodies)
                {
                    if (!bodies.TryDequeue(out body!)) return;
                }
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/plain", "utf-8");
                using var response = await http.PostAsync($"{rig.Influx.Url}/write?db={database}&precision=ms", content);
                response.EnsureSuccessStatusCode();
            }
        })));
        return new Timed(clock.Elapsed, ProcessCpu.Now() - cpuStart);
    }

    private static async Task<(double P50, double P99, int Count, int Missing)> MeasureLatencyAsync(IngestionRig rig, double readingsPerSecond, TimeSpan duration)
    {
        int perMessage = Math.Clamp((int)Math.Round(readingsPerSecond * LatencyInterval.TotalSeconds / LatencyGateways), 1, 1000);
        using var host = await rig.StartCloudAsync("latency", "bench-cloud-latency");
        var watch = new ArrivalWatch(rig.Influx, "latency", "gw-lat-", lastDevice: $"m-{perMessage - 1:D3}");
        using var stop = new CancellationTokenSource();
        var watching = watch.RunAsync(TimeSpan.FromMilliseconds(20), stop.Token);
        var sending = Enumerable.Range(0, LatencyGateways).Select(g => SendAsync(rig, $"gw-lat-{g:D2}", perMessage, g, watch, duration)).ToList();
        long from = ArrivalWatch.Now + (long)(Stopwatch.Frequency * Math.Min(2, duration.TotalSeconds / 4)); // the first seconds warm up
        await Task.WhenAll(sending);
        long to = ArrivalWatch.Now;
        await Poll.UntilAsync("latency messages stored", TimeSpan.FromSeconds(30), () => watch.Missing(from, to) == 0).ContinueWith(_ => { }, TaskScheduler.Default);
        await stop.CancelAsync();
        await watching;
        await host.StopAsync();
        var latencies = watch.LatenciesMs(from, to);
        return (ArrivalWatch.Quantile(latencies, 0.5), ArrivalWatch.Quantile(latencies, 0.99), latencies.Count, watch.Missing(from, to));
    }

    /// <summary>One gateway: a batch of readings acquired now every <see cref="LatencyInterval"/> (start staggered), each reading's value its message number.</summary>
    private static async Task SendAsync(IngestionRig rig, string gateway, int perMessage, int index, ArrivalWatch watch, TimeSpan duration)
    {
        await Task.Delay(LatencyInterval * index / LatencyGateways);
        using var timer = new PeriodicTimer(LatencyInterval);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (int message = 1; Stopwatch.GetTimestamp() < end; message++)
        {
            var now = DateTimeOffset.UtcNow;
            var readings = Enumerable.Range(0, perMessage).Select(i => Reading.Good($"m-{i:D3}", Points.PowerActive, message, now)).ToList();
            var (_, payload) = TelemetryBatching.Pack("plant-01", gateway, message, now, readings, perMessage).Single();
            watch.Published(gateway, message, ArrivalWatch.Now);
            await rig.PublishAsync(TelemetryTopics.Telemetry("plant-01", gateway), payload);
            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>Wall time of one side of a round, and the CPU the processes used meanwhile.</summary>
    private readonly record struct Timed(TimeSpan Elapsed, ProcessCpu Cpu);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
