using System.Diagnostics;
using System.Globalization;
using System.Text;
using CarbonEdge.Protocols.Mqtt;
using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks.Mqtt;

/// <summary>
/// <c>cedge-bench compare mqtt</c>: on one mosquitto started for the run, N messages of S bytes through
/// <c>cedge mqtt pub --stdin-lines</c> and through <c>mosquitto_pub -l</c> (its stdin kept open until the subscriber has
/// everything: mosquitto 2.0.11 drops in-flight QoS 1 messages at end of input), each counted by one
/// <c>mosquitto_sub -C N</c>; the client library in-process (inflight window 64, allocations per publish); and the
/// subscribe side: a persistent session's backlog of N messages drained by our client and by mosquitto_sub.
/// </summary>
internal static class MqttComparison
{
    public const string Description = "MQTT publish/subscribe rate: cedge mqtt pub, the library, vs mosquitto_pub/sub (same broker)";

    public static async Task<int> RunAsync(string[] args)
    {
        int count = Argument(args, "--count", 100_000);
        int size = Argument(args, "--size", 200);
        int[] levels = args.Contains("--qos0-only") ? [0] : args.Contains("--qos1-only") ? [1] : [1, 0];
        await using var broker = await MosquittoBroker.StartAsync("bench-mqtt");
        string lines = broker.Folder.File("lines.txt");
        await File.WriteAllLinesAsync(lines, Enumerable.Range(0, count).Select(i => i.ToString("D10", CultureInfo.InvariantCulture) + new string('x', size - 10)));
        Console.WriteLine($"mosquitto on 127.0.0.1:{broker.Port}; {count:N0} messages of {size} bytes; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"{"publisher",-34} {"QoS",3} {"seconds",8} {"msg/s",10} {"vs mosquitto",13} {"alloc B/msg",12}");
        foreach (int qos in levels)
        {
            var peer = await TimePublisherAsync(broker, qos, count, "mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", $"bench/mosquitto/{qos}", "-l", "-q", qos.ToString(CultureInfo.InvariantCulture)], lines, $"bench/mosquitto/{qos}", holdInputOpen: true);
            Row("mosquitto_pub -l", qos, count, peer, peer, null);
            var cli = await TimePublisherAsync(broker, qos, count, "dotnet", [CedgePath(), "mqtt", "pub", "--url", broker.Url, "-t", $"bench/cedge/{qos}", "--stdin-lines", "-q", qos.ToString(CultureInfo.InvariantCulture)], lines, $"bench/cedge/{qos}", holdInputOpen: false);
            Row("cedge mqtt pub --stdin-lines", qos, count, cli, peer, null);
            var (library, allocated) = await TimeLibraryAsync(broker, qos, count, size);
            Row("MqttClient, inflight 64", qos, count, library, peer, allocated);
        }
        Console.WriteLine();
        Console.WriteLine($"{"subscriber (drains a backlog)",-34} {"QoS",3} {"seconds",8} {"msg/s",10} {"vs mosquitto",13}");
        var subscribePeer = await TimeMosquittoDrainAsync(broker, count, lines);
        Row("mosquitto_sub -c -C", 1, count, subscribePeer, subscribePeer, null);
        var subscribeOurs = await TimeLibraryDrainAsync(broker, count, lines);
        Row("MqttClient (auto-acknowledge)", 1, count, subscribeOurs, subscribePeer, null);
        return 0;
    }

    private static void Row(string name, int qos, int count, TimeSpan elapsed, TimeSpan peer, double? allocated) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {qos,3} {elapsed.TotalSeconds,8:0.00} {count / elapsed.TotalSeconds,10:N0} {peer.TotalSeconds / elapsed.TotalSeconds,12:0.00}x {(allocated is { } a ? a.ToString("N0", CultureInfo.InvariantCulture) : ""),12}"));

    /// <summary>Time from starting the publisher until one mosquitto_sub has received every message.</summary>
    private static async Task<TimeSpan> TimePublisherAsync(MosquittoBroker broker, int qos, int count, string program, string[] arguments,
        string lines, string topic, bool holdInputOpen)
    {
        using var subscriber = await StartSubscriberAsync(broker, topic, qos, count, persistentId: null);
        var clock = Stopwatch.StartNew();
        using var publisher = Start(program, arguments, redirectInput: true);
        await using (var input = File.OpenRead(lines))
        {
            await input.CopyToAsync(publisher.StandardInput.BaseStream);
            await publisher.StandardInput.BaseStream.FlushAsync();
        }
        if (!holdInputOpen) publisher.StandardInput.Close();
        await subscriber.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        if (holdInputOpen) publisher.StandardInput.Close();
        await publisher.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (publisher.ExitCode != 0) throw new InvalidOperationException($"{program} exited with {publisher.ExitCode}: {await publisher.StandardError.ReadToEndAsync()}");
        return elapsed;
    }

    /// <summary>
    /// The library in-process: publish as fast as the inflight window of 64 lets, counted by mosquitto_sub. Allocations
    /// per publish are all managed bytes this process allocated during the run (message object included) over N.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, double AllocatedPerMessage)> TimeLibraryAsync(MosquittoBroker broker, int qos, int count, int size)
    {
        string topic = $"bench/library/{qos}";
        using var subscriber = await StartSubscriberAsync(broker, topic, qos, count, persistentId: null);
        var options = new MqttClientOptions { Port = broker.Port, ClientId = "bench-library", MaxInflight = 64 };
        await using var client = new MqttClient(options);
        await client.ConnectAsync();
        var payloads = Enumerable.Range(0, count).Select(i => Encoding.ASCII.GetBytes(i.ToString("D10", CultureInfo.InvariantCulture) + new string('x', size - 10))).ToArray();
        var level = (MqttQualityOfServiceLevel)qos;
        var pending = new Queue<Task<MqttPublishResult>>();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            var publish = client.PublishAsync(new MqttApplicationMessage(topic, payloads[i]) { QualityOfService = level });
            if (level == MqttQualityOfServiceLevel.AtMostOnce)
            {
                if (!publish.IsCompletedSuccessfully) await publish;
                continue;
            }
            pending.Enqueue(publish);
            while (pending.Count > 4096 || (pending.Count > 0 && pending.Peek().IsCompleted)) await pending.Dequeue();
        }
        while (pending.Count > 0) await pending.Dequeue();
        await subscriber.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)count;
        return (elapsed, allocated);
    }

    /// <summary>Queues a backlog of N QoS 1 messages for a persistent session, then times mosquitto_sub draining it.</summary>
    private static async Task<TimeSpan> TimeMosquittoDrainAsync(MosquittoBroker broker, int count, string lines)
    {
        const string id = "bench-drain-mosquitto";
        using (var register = await StartSubscriberAsync(broker, "bench/drain/mosquitto", 1, 0, persistentId: id)) { }
        await FeedAsync(broker, "bench/drain/mosquitto", lines, count);
        var clock = Stopwatch.StartNew();
        using var drain = Start("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", "bench/drain/mosquitto", "-q", "1", "-c", "-i", id, "-C", count.ToString(CultureInfo.InvariantCulture)], redirectInput: false);
        await drain.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return clock.Elapsed;
    }

    /// <summary>Same backlog, drained by our client (a fresh process state: connect, then count every message).</summary>
    private static async Task<TimeSpan> TimeLibraryDrainAsync(MosquittoBroker broker, int count, string lines)
    {
        var options = new MqttClientOptions { Port = broker.Port, ClientId = "bench-drain-library", CleanSession = false };
        await using (var register = new MqttClient(options))
        {
            await register.ConnectAsync();
            await register.SubscribeAsync("bench/drain/library", MqttQualityOfServiceLevel.AtLeastOnce);
            await register.DisconnectAsync();
        }
        await FeedAsync(broker, "bench/drain/library", lines, count);
        await using var client = new MqttClient(options);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int received = 0;
        client.MessageReceivedAsync += _ =>
        {
            if (++received == count) done.TrySetResult();
            return Task.CompletedTask;
        };
        var clock = Stopwatch.StartNew();
        await client.ConnectAsync();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return clock.Elapsed;
    }

    /// <summary>Publishes the lines at QoS 1 with mosquitto_pub and waits until the broker has accepted all of them.</summary>
    private static async Task FeedAsync(MosquittoBroker broker, string topic, string lines, int count)
    {
        using var check = await StartSubscriberAsync(broker, topic, 1, count, persistentId: null);
        using var feed = Start("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-l", "-q", "1"], redirectInput: true);
        await using (var input = File.OpenRead(lines)) await input.CopyToAsync(feed.StandardInput.BaseStream);
        await feed.StandardInput.BaseStream.FlushAsync();
        await check.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        feed.StandardInput.Close();
        await feed.WaitForExitAsync();
    }

    /// <summary>mosquitto_sub -C N, returned once the broker has its SUBSCRIBE; with persistentId and N = 0 it subscribes and leaves (-E).</summary>
    private static async Task<Process> StartSubscriberAsync(MosquittoBroker broker, string topic, int qos, int count, string? persistentId)
    {
        string id = persistentId ?? $"bench-sub-{Guid.NewGuid():N}"[..20];
        List<string> arguments = ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-q", qos.ToString(CultureInfo.InvariantCulture), "-i", id];
        if (persistentId is not null) arguments.Add("-c");
        arguments.AddRange(count > 0 ? ["-C", count.ToString(CultureInfo.InvariantCulture)] : ["-E"]);
        var process = Start("mosquitto_sub", [.. arguments], redirectInput: false);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!ReadShared(broker.LogPath).Contains($"Received SUBSCRIBE from {id}", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"mosquitto_sub {id} did not subscribe");
            await Task.Delay(20);
        }
        if (count == 0) await process.WaitForExitAsync();
        return process;
    }

    private static Process Start(string program, string[] arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(Tools.Resolve(program))
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        // Discard output without decoding it (mosquitto_sub prints every payload): nothing allocated per line in this
        // process, so the library rows' allocation figures are the client's own.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    private static string CedgePath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "cedge.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build tests/CarbonEdge.Benchmarks (it references the edge project)");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
