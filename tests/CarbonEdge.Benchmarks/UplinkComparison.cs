using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Hosting;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// <c>cedge-bench compare uplink [--readings N] [--rounds R]</c>: on one mosquitto started for the run, N readings sealed
/// into 500-reading batches in a gateway buffer, sent by the gateway uplink (MQTTnet, QoS 1, 32 batches in flight, each
/// deleted from SQLite on its PUBACK), and the same payloads sent by <c>mosquitto_pub -l -q 1</c> (its stdin held open
/// until everything arrived: mosquitto_pub drops in-flight messages at end of input). Each is timed from start until one
/// <c>mosquitto_sub -C batches</c> has every batch; rounds alternate so both see the same machine load. A third column,
/// MQTTnet alone publishing the same payloads with the same window (no buffer, no host), tells the library's share of
/// the gap from the gateway's. mosquitto_pub 2.0 in <c>-l</c> mode publishes each line at the <c>-q</c> given (QoS 1
/// here, as the uplink), up to libmosquitto's 20 messages in flight, over MQTT 3.1.1 (the gateway's default too).
/// Before each side the process collects the garbage the previous one left (the filled payloads, the other side's).
/// Each side's CPU per batch is printed: the publisher (this process for the uplink and MQTTnet, the mosquitto_pub
/// process) and the broker, from /proc (10 ms resolution), since on 2 cores what one side uses the broker lacks.
/// </summary>
internal static class UplinkComparison
{
    public const string Description = "gateway uplink readings/s in 500-reading batches (PUBACK-gated delete) vs mosquitto_pub -l with the same payloads, same mosquitto";

    private const int BatchReadings = 500;
    private const int UplinkWindow = CarbonEdge.Edge.Uplink.UplinkService.BatchWindow;

    public static async Task<int> RunAsync(string[] args)
    {
        int readings = BenchArguments.Int(args, "--readings", 100_000), rounds = BenchArguments.Int(args, "--rounds", 3);
        await using var broker = await MosquittoBroker.StartAsync("bench-uplink", MosquittoOptions.PlainAnonymous); // plain, as the figures in docs were measured
        Console.WriteLine($"mosquitto on 127.0.0.1:{broker.Port}; {readings:N0} readings in batches of {BatchReadings}; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"",6} | {"",18} {"",25} {"",6} | {"",25} | {"CPU us per batch, publisher / broker:",38}");
        Console.WriteLine($"{"round",6} | {"uplink readings/s",18} {"mosquitto_pub readings/s",25} {"ratio",6} | {"MQTTnet alone readings/s",25} | {"uplink",12} {"mosquitto_pub",13} {"MQTTnet",11}");
        var ratios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var folder = RunFolder.Create($"bench-uplink-{round}");
            string gateway = $"gw-bench-{round}"; // a fresh MQTT session each round, as mosquitto_pub's
            var (batches, lines) = Fill(folder, gateway, readings);
            Garbage.Settle();
            var peer = await TimeMosquittoPubAsync(broker, lines, batches);
            Garbage.Settle();
            var ours = await TimeUplinkAsync(broker, folder, gateway, batches);
            Garbage.Settle();
            var library = await TimeMqttnetAloneAsync(broker, lines, batches);
            double ourRate = readings / ours.Elapsed.TotalSeconds, peerRate = readings / peer.Elapsed.TotalSeconds;
            ratios.Add(ourRate / peerRate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round,6} | {ourRate,18:N0} {peerRate,25:N0} {ourRate / peerRate,5:0.00}x | {readings / library.Elapsed.TotalSeconds,25:N0} | {ours.PerBatch(batches),12} {peer.PerBatch(batches),13} {library.PerBatch(batches),11}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio uplink / mosquitto_pub: {ratios.Order().ElementAt(ratios.Count / 2):0.00}x"));
        return 0;
    }

    /// <summary>One side's time until the subscriber had every batch, and the CPU its publisher and the broker used meanwhile.</summary>
    private readonly record struct Timed(TimeSpan Elapsed, TimeSpan Publisher, TimeSpan Broker)
    {
        public string PerBatch(int batches) => string.Create(CultureInfo.InvariantCulture,
            $"{Publisher.TotalMicroseconds / batches:0} / {Broker.TotalMicroseconds / batches:0}");
    }

    /// <summary>A gateway buffer in <paramref name="folder"/>/data holding the readings sealed in batches; the batches' payloads, one per line.</summary>
    private static (int Batches, string Lines) Fill(RunFolder folder, string gateway, int readings)
    {
        Directory.CreateDirectory(folder.File("data"));
        using var buffer = ReadingBuffer.Open(Path.Combine(folder.File("data"), "buffer.db"));
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (int added = 0; added < readings; added += BatchReadings)
        {
            buffer.Add(Enumerable.Range(added, Math.Min(BatchReadings, readings - added))
                .Select(i => Reading.Good($"m-{i % 50:D3}", Points.EnergyActiveImport, 1000 + i * 0.01, start.AddMilliseconds(i * 10))).ToList());
        }
        while (buffer.Seal("plant-01", gateway, BatchReadings, DateTimeOffset.UtcNow).Count > 0)
        {
        }
        var pending = buffer.Pending(int.MaxValue);
        string lines = folder.File("payloads.txt");
        File.WriteAllLines(lines, pending.Select(b => System.Text.Encoding.UTF8.GetString(b.Payload)));
        return (pending.Count, lines);
    }

    private static async Task<Timed> TimeUplinkAsync(MosquittoBroker broker, RunFolder folder, string gatewayId, int batches)
    {
        string config = folder.File("gateway.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "gateway": { "site": "plant-01", "id": "{{gatewayId}}", "dataDir": "data" },
              "mqtt": { "url": "{{broker.Url}}" },
              "uplink": { "maxReadingsPerBatch": {{BatchReadings}}, "flushIntervalMs": 100 },
              "devices": [ { "id": "idle", "driver": "modbus-tcp", "intervalMs": 86400000, "modbus": { "host": "127.0.0.1", "port": 9, "timeoutMs": 100 },
                "points": [ { "point": "energy.active.import", "function": 3, "address": 0, "type": "float64" } ] } ]
            }
            """);
        var (gateway, problems) = GatewayConfigLoader.Load(config);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        using var subscriber = await StartSubscriberAsync(broker, TelemetryTopics.Telemetry("plant-01", gatewayId), batches);
        using var host = GatewayHost.Build(gateway);
        var cpu = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        await subscriber.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        var used = ProcessCpu.Now() - cpu;
        await host.StopAsync();
        return new Timed(elapsed, used.Self, used.Mosquitto);
    }

    private static async Task<Timed> TimeMosquittoPubAsync(MosquittoBroker broker, string lines, int batches)
    {
        string topic = TelemetryTopics.Telemetry("plant-01", "gw-peer");
        using var subscriber = await StartSubscriberAsync(broker, topic, batches);
        var cpu = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        using var publisher = Start("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-l", "-q", "1"], redirectInput: true);
        await using (var input = File.OpenRead(lines))
        {
            await input.CopyToAsync(publisher.StandardInput.BaseStream);
            await publisher.StandardInput.BaseStream.FlushAsync();
        }
        await subscriber.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        var (publisherCpu, brokerCpu) = (ProcessCpu.Of(publisher.Id), (ProcessCpu.Now() - cpu).Mosquitto);
        publisher.StandardInput.Close();
        await publisher.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return new Timed(elapsed, publisherCpu, brokerCpu);
    }

    /// <summary>MQTTnet publishing the payloads at QoS 1 with the uplink's window of <see cref="UplinkWindow"/> batches in flight.</summary>
    private static async Task<Timed> TimeMqttnetAloneAsync(MosquittoBroker broker, string lines, int batches)
    {
        string topic = TelemetryTopics.Telemetry("plant-01", "gw-mqttnet");
        var payloads = File.ReadAllLines(lines).Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        using var subscriber = await StartSubscriberAsync(broker, topic, batches);
        var cpu = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-mqttnet").WithoutPacketFragmentation().Build());
        using var window = new SemaphoreSlim(UplinkWindow);
        var publishes = new List<Task>(payloads.Count);
        foreach (byte[] payload in payloads)
        {
            await window.WaitAsync();
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            publishes.Add(client.PublishAsync(message).ContinueWith(_ => window.Release(), TaskScheduler.Default));
        }
        await Task.WhenAll(publishes);
        await subscriber.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        var used = ProcessCpu.Now() - cpu;
        await client.DisconnectAsync();
        return new Timed(elapsed, used.Self, used.Mosquitto);
    }

    private static async Task<Process> StartSubscriberAsync(MosquittoBroker broker, string topic, int count)
    {
        string id = $"bench-sub-{Guid.NewGuid():N}"[..20];
        var process = Start("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-q", "1", "-i", id, "-C", count.ToString(CultureInfo.InvariantCulture)], redirectInput: false);
        await broker.WaitForSubscriptionAsync(id);
        return process;
    }

    private static Process Start(string program, string[] arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(Tools.Resolve(program)) { RedirectStandardInput = redirectInput, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null); // payloads are not decoded here
        return process;
    }
}
