using System.Text;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace CarbonEdge.Cloud.Tests.Service;

/// <summary>
/// Bad input at volume (issue 15): one gateway floods malformed and oversized messages; every one is counted, the first
/// ones are kept whole as dead letters and the excess summed into <c>rate_limited</c> letters, and the other gateways'
/// acquisition-to-InfluxDB latency holds (compared with the same traffic just before the flood, same run).
/// </summary>
public sealed class BadInputTests(CloudServiceFixture cloud, ITestOutputHelper output) : IClassFixture<CloudServiceFixture>
{
    private const int Gateways = 3, ReadingsPerMessage = 10, Malformed = 2000, Oversized = 20;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    private async Task<IMqttClient> ConnectAsync(string clientId)
    {
        var settings = new BrokerSettings
        {
            Url = cloud.Broker.Url, CaFile = cloud.Broker.CaFile, ClientId = clientId, CleanSession = true,
            Username = MosquittoAccount.Gateway.Username, Password = MosquittoAccount.Gateway.Password,
        };
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(settings.Build(new BrokerTrust(settings.CaFile)));
        return client;
    }

    private static Task PublishAsync(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Each gateway sends a batch of readings acquired just now every <see cref="Every"/>, until cancelled.</summary>
    private static async Task SendGoodAsync(IMqttClient client, string gateway, ArrivalWatch watch, CancellationToken cancellationToken)
    {
        for (int message = 1; !cancellationToken.IsCancellationRequested; message++)
        {
            var now = DateTimeOffset.UtcNow;
            var readings = Enumerable.Range(0, ReadingsPerMessage).Select(i => Reading.Good($"m-{i}", Points.PowerActive, message, now)).ToList();
            var (_, payload) = TelemetryBatching.Pack("plant-01", gateway, message, now, readings, ReadingsPerMessage).Single();
            watch.Published(gateway, message, ArrivalWatch.Now);
            await PublishAsync(client, TelemetryTopics.Telemetry("plant-01", gateway), payload);
            await Task.Delay(Every, CancellationToken.None);
        }
    }

    private async Task<long> CountAsync(string group, string reason)
    {
        using var doc = await cloud.GetJsonAsync("/api/v1/ingestion");
        return doc.RootElement.GetProperty("counters").GetProperty(group).TryGetProperty(reason, out var n) ? n.GetInt64() : 0;
    }

    [Fact]
    public async Task A_flood_of_bad_messages_from_one_gateway_is_counted_and_rate_limited_and_the_others_latency_holds()
    {
        var watch = new ArrivalWatch(cloud.Influx, "carbonedge", "gw-lat-");
        using var stop = new CancellationTokenSource();
        var watching = watch.RunAsync(TimeSpan.FromMilliseconds(25), stop.Token);
        var gateways = await Task.WhenAll(Enumerable.Range(1, Gateways).Select(async g => (Id: $"gw-lat-{g}", Client: await ConnectAsync($"bad-input-good-{g}"))));
        var sending = gateways.Select(g => SendGoodAsync(g.Client, g.Id, watch, stop.Token)).ToList();

        // baseline: the same traffic without a flood
        long baselineStart = ArrivalWatch.Now;
        await Poll.UntilAsync("baseline messages stored", TimeSpan.FromSeconds(30), () => watch.Stored >= 20 * Gateways);
        long floodStart = ArrivalWatch.Now;

        using var flooder = await ConnectAsync("bad-input-flooder");
        string floodTopic = TelemetryTopics.Telemetry("plant-01", "gw-flood");
        byte[] malformed = Encoding.UTF8.GetBytes("{\"schema\":\"carbonedge.telemetry.v1\",\"site\":\"plant-01\",\"readings\":[");
        byte[] oversized = new byte[TelemetrySchema.MaxBatchBytes + 1024];
        Array.Fill(oversized, (byte)' ');
        using (var window = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, Malformed + Oversized).Select(async i =>
            {
                await window.WaitAsync();
                try { await PublishAsync(flooder, floodTopic, i % (Malformed / Oversized) == 0 && i / (Malformed / Oversized) < Oversized ? oversized : malformed); }
                finally { window.Release(); }
            }));
        }
        await Poll.UntilAsync("flood counted", TimeSpan.FromSeconds(60),
            async () => await CountAsync("messagesRejected", "malformed_payload") + await CountAsync("messagesRejected", "too_large") == Malformed + Oversized);
        long floodEnd = ArrivalWatch.Now;
        await Poll.UntilAsync("good messages of the flood stored", TimeSpan.FromSeconds(30), () => watch.Missing(baselineStart, floodEnd) == 0);
        await stop.CancelAsync();
        await Task.WhenAll([.. sending, watching]);

        // every refused message is counted: kept whole within the gateway's budget, the excess summed into rate_limited letters
        long limited = await CountAsync("messagesRateLimited", "malformed_payload") + await CountAsync("messagesRateLimited", "too_large");
        Assert.InRange(limited, Malformed + Oversized - 200, Malformed + Oversized - 20);
        long summed = 0;
        await Poll.UntilAsync("rate_limited summaries kept", TimeSpan.FromSeconds(20), async () =>
        {
            using var page = await cloud.GetJsonAsync("/api/v1/ingestion/dead-letters?reason=rate_limited&limit=1000");
            summed = page.RootElement.GetProperty("letters").EnumerateArray()
                .Where(l => l.GetProperty("topic").GetString() == floodTopic)
                .Sum(l => long.Parse(l.GetProperty("detail").GetString()!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            return summed == limited;
        });
        using var whole = await cloud.GetJsonAsync("/api/v1/ingestion/dead-letters?reason=malformed_payload&limit=1000");
        var first = whole.RootElement.GetProperty("letters").EnumerateArray().First(l => l.GetProperty("topic").GetString() == floodTopic);
        Assert.Equal(malformed, Convert.FromBase64String(first.GetProperty("payload").GetString()!));

        // the other gateways' latency holds: a generous bound against the baseline of the same run (tight figures: cedge-bench)
        var baseline = watch.LatenciesMs(baselineStart, floodStart);
        var flood = watch.LatenciesMs(floodStart, floodEnd);
        double p90Baseline = ArrivalWatch.Quantile(baseline, 0.9), p90Flood = ArrivalWatch.Quantile(flood, 0.9);
        output.WriteLine($"flood of {Malformed + Oversized} messages in {System.Diagnostics.Stopwatch.GetElapsedTime(floodStart, floodEnd).TotalSeconds:F2} s, {limited} rate-limited; " +
            $"other gateways p50/p90 {ArrivalWatch.Quantile(baseline, 0.5):F0}/{p90Baseline:F0} ms before ({baseline.Count} messages), {ArrivalWatch.Quantile(flood, 0.5):F0}/{p90Flood:F0} ms during ({flood.Count})");
        Assert.True(flood.Count >= Gateways, $"only {flood.Count} good messages during the flood");
        Assert.True(p90Flood <= Math.Max(3 * p90Baseline, p90Baseline + 1000),
            $"p90 latency of the other gateways {p90Flood:F0} ms during the flood ({flood.Count} messages) vs {p90Baseline:F0} ms before ({baseline.Count})");
        foreach (var (_, client) in gateways) client.Dispose();
    }
}
