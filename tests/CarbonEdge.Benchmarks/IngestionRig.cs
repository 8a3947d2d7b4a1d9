using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// The cloud's ingestion as <c>cedge-cloud run</c> wires it (<c>AddCloudService</c>, without the web API) on one mosquitto
/// and one influxd started for a benchmark, a registry of <see cref="Devices"/> meters on plant-01, and an MQTTnet
/// publisher standing in for the gateways.
/// </summary>
internal sealed class IngestionRig(MosquittoBroker broker, InfluxServer influx, RunFolder folder, IMqttClient publisher) : IAsyncDisposable
{
    public const int Devices = 50;

    public MosquittoBroker Broker => broker;
    public InfluxServer Influx => influx;
    public RunFolder Folder => folder;

    public static async Task<IngestionRig> StartAsync(string name)
    {
        var broker = await MosquittoBroker.StartAsync($"{name}-mosquitto", MosquittoOptions.PlainAnonymous); // plain, as the uplink benchmark: figures stay comparable
        var influx = await InfluxServer.StartAsync($"{name}-influxd");
        var folder = RunFolder.Create(name);
        var devices = string.Join(",\n", Enumerable.Range(0, Devices).Select(d =>
            $$"""{ "site": "plant-01", "id": "m-{{d:D3}}", "kind": "meter", "name": "Meter {{d}}", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 1 }"""));
        await File.WriteAllTextAsync(folder.File("registry.json"), $$"""
            {
              "enterprises": [{ "id": "ent-1", "name": "Bench Steel", "region": "320583", "industry": "3130" }],
              "sites": [{ "id": "plant-01", "enterprise": "ent-1", "name": "Mill" }],
              "devices": [{{devices}}]
            }
            """);
        var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-gateways").Build());
        return new IngestionRig(broker, influx, folder, publisher);
    }

    /// <summary>
    /// Starts ingestion into <paramref name="database"/> under the MQTT client id <paramref name="clientId"/> (a persistent
    /// session), returned once it is subscribed. <c>maxMessages</c> 100: mosquitto's in-flight window here.
    /// </summary>
    public async Task<IHost> StartCloudAsync(string database, string clientId)
    {
        string config = Folder.File($"cedge-cloud-{database}.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "mqtt": { "url": "{{Broker.Url}}", "clientId": "{{clientId}}" },
              "influx": { "url": "{{Influx.Url}}", "database": "{{database}}" },
              "registry": { "path": "registry-{{database}}.db", "seed": "registry.json" },
              "ingestion": { "maxPoints": 5000, "maxDelayMs": 200, "maxMessages": 100 }
            }
            """);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddJsonFile(config);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("CarbonEdge.Cloud.Ingestion.ReadingTagger", LogLevel.Error);
        // the schedule still runs (its load is the cloud's), but each round's database is dropped after it, and the
        // estimates it then cannot make are not what this benchmark reports
        builder.Logging.AddFilter("CarbonEdge.Cloud.Estimation", LogLevel.Error);
        builder.Services.AddCloudService(config);
        var host = builder.Build();
        await host.StartAsync();
        var subscriber = host.Services.GetRequiredService<TelemetrySubscriber>();
        await Poll.UntilAsync("cloud ingestion subscribed", TimeSpan.FromSeconds(30), () => subscriber.IsSubscribed);
        return host;
    }

    /// <summary>Publishes at QoS 1 with up to 64 messages awaiting their PUBACK.</summary>
    public async Task PublishAllAsync(IEnumerable<(string Topic, byte[] Payload)> messages)
    {
        using var window = new SemaphoreSlim(64);
        var sends = new List<Task>();
        foreach (var (topic, payload) in messages)
        {
            await window.WaitAsync();
            sends.Add(PublishAsync(topic, payload).ContinueWith(_ => window.Release(), TaskScheduler.Default));
        }
        await Task.WhenAll(sends);
    }

    public Task PublishAsync(string topic, byte[] payload) =>
        publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Batches of <paramref name="perMessage"/> readings of distinct series and times, from <paramref name="gateways"/> gateways in turn.</summary>
    public static List<(string Topic, byte[] Payload)> Batches(int readings, int perMessage, int gateways, DateTimeOffset start)
    {
        var messages = new List<(string, byte[])>();
        for (int first = 0, index = 0; first < readings; first += perMessage, index++)
        {
            string gateway = $"gw-{index % gateways:D2}";
            int seq = index / gateways + 1;
            var batch = Enumerable.Range(first, Math.Min(perMessage, readings - first))
                .Select(i => Reading.Good($"m-{i % Devices:D3}", Points.EnergyActiveImport, 1000 + i * 0.01, start.AddMilliseconds(i))).ToList();
            messages.Add((TelemetryTopics.Telemetry("plant-01", gateway), TelemetryBatching.Pack("plant-01", gateway, seq, start, batch, perMessage).Single().Payload));
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        publisher.Dispose();
        await broker.DisposeAsync();
        await influx.DisposeAsync();
    }
}
