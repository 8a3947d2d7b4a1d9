using System.Text.Json;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Export;

/// <summary>
/// Issue 8: "the MQTT acknowledgement waits for both sinks, so an Event Hubs outage holds messages at the broker, loses
/// nothing, and shows in health and logs" — the cloud as <c>cedge-cloud run</c> builds it, on real mosquitto and
/// influxd, its Event Hubs producer an in-process <see cref="RecordingProducer"/> that is down for a while.
/// </summary>
public sealed class ExportOutageTests : IAsyncLifetime
{
    private const string ClientId = "cloud-export-outage";
    private readonly RunFolder _folder = RunFolder.Create("export-outage");
    private readonly RecordingProducer _hub = new(failures: 0) { Down = true };
    private readonly HttpClient _http = new();
    private readonly string _baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
    private MosquittoBroker _broker = null!;
    private InfluxServer _influx = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync("export-outage-mosquitto");
        _influx = await InfluxServer.StartAsync("export-outage-influxd");
        File.WriteAllText(_folder.File("registry.json"), """
            {
              "enterprises": [{ "id": "ent-1", "name": "Test Steel", "region": "320583", "industry": "3130" }],
              "sites": [{ "id": "plant-01", "enterprise": "ent-1", "name": "Mill" }],
              "devices": [{ "site": "plant-01", "id": "m-1", "kind": "meter", "name": "Incomer", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 60 }]
            }
            """);
        File.WriteAllText(_folder.File("cedge-cloud.json"), $$"""
            {
              "mqtt": { "url": "{{_broker.Url}}", "caFile": "{{_broker.CaFile}}", "username": "{{MosquittoAccount.Cloud.Username}}", "password": "{{MosquittoAccount.Cloud.Password}}", "clientId": "{{ClientId}}" },
              "influx": { "url": "{{_influx.Url}}", "database": "carbonedge" },
              "registry": { "path": "registry.db", "seed": "registry.json" },
              "ingestion": { "maxDelayMs": 50 },
              "http": { "urls": "{{_baseUrl}}" }
            }
            """);
        using (var access = AccessStore.Open(_folder.File("registry.db")))
            _http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, access.CreateKey("test-admin", Roles.Admin, AccessScope.None, null).Key);
        _app = RunCommand.Build(_folder.File("cedge-cloud.json"), b => b.Services.AddSingleton(new EventHubsExport(_hub)));
        await _app.StartAsync();
        await _broker.WaitForSubscriptionAsync(ClientId, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
        await _broker.DisposeAsync();
        await _influx.DisposeAsync();
    }

    private int PubacksFromCloud() => _broker.ReadLog().Split('\n').Count(l => l.Contains($"Received PUBACK from {ClientId}", StringComparison.Ordinal));

    private async Task<long> WriteFailuresAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(_baseUrl + "/api/v1/ingestion"));
        return doc.RootElement.GetProperty("counters").GetProperty("writeFailures").GetInt64();
    }

    private async Task PublishAsync(long seq, DateTimeOffset start)
    {
        var readings = Enumerable.Range(0, 10).Select(i => Reading.Good("m-1", Points.EnergyActiveImport, 1000 + seq * 10 + i, start.AddMinutes(seq * 10 + i))).ToList();
        var batch = new TelemetryBatch(TelemetrySchema.V1, "plant-01", "gw-01", seq, DateTimeOffset.UtcNow, readings);
        await using var pub = ExternalProcess.Start("mosquitto_pub", [.. _broker.ClientArguments(MosquittoAccount.Gateway), "-q", "1",
            "-t", TelemetryTopics.Telemetry("plant-01", "gw-01"), "-m", System.Text.Encoding.UTF8.GetString(TelemetryCodec.Serialize(batch))], _folder.File("pub.log"));
        Assert.Equal(0, await pub.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_outage_holds_the_messages_unacknowledged_shows_as_write_failures_and_after_it_every_reading_is_in_both_sinks_once()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        for (long seq = 1; seq <= 5; seq++) await PublishAsync(seq, start);

        // the hub is down: the export fails again and again (counted), and the cloud acknowledges nothing
        await Poll.UntilAsync("two export failures", TimeSpan.FromSeconds(30), async () => await WriteFailuresAsync() >= 2);
        Assert.Equal(0, PubacksFromCloud());
        Assert.Empty(_hub.DeliveredEvents);

        _hub.Down = false;
        await Poll.UntilAsync("50 reading events", TimeSpan.FromSeconds(60), () => Task.FromResult(_hub.DeliveredEvents.Count >= 50));
        await Poll.UntilAsync("5 PUBACKs from the cloud", TimeSpan.FromSeconds(30), () => Task.FromResult(PubacksFromCloud() == 5));

        var events = _hub.DeliveredEvents.Select(e => JsonDocument.Parse(e.EventBody.ToMemory()).RootElement).ToList();
        Assert.Equal(50, events.Count);
        Assert.Equal(50, events.Select(e => e.GetProperty("ts").GetString()).Distinct().Count());
        Assert.All(events, e => Assert.Equal("ent-1", e.GetProperty("enterprise").GetString()));
        var rows = await _influx.RowsAsync("carbonedge", "SELECT count(value) FROM reading WHERE device = 'm-1'");
        Assert.Equal(50, (long)Assert.Single(rows).Number("count"));
    }
}
