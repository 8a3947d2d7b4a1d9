using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Cloud.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Service;

/// <summary>
/// The cloud web application (as <c>cedge-cloud run</c> builds it) on real mosquitto and influxd, shared by a test class;
/// <see cref="Http"/> sends an admin API key created in the registry before the start.
/// </summary>
public sealed class CloudServiceFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public MosquittoBroker Broker { get; private set; } = null!;
    public InfluxServer Influx { get; private set; } = null!;
    public RunFolder Folder { get; } = RunFolder.Create("cloud-service");
    public HttpClient Http { get; } = new();
    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    /// <summary>The name of the one API key limited to 5 requests a minute (every other key: 1 000 000).</summary>
    public const string RateLimitedKeyName = "rate-limited";

    /// <summary>An admin API key (sent by <see cref="Http"/>).</summary>
    public string AdminKey { get; private set; } = "";

    /// <summary>The running application's services (to drive its parts directly).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartAsync("cloud-service-mosquitto");
        Influx = await InfluxServer.StartAsync("cloud-service-influxd");
        File.WriteAllText(Folder.File("registry.json"), """
            {
              "enterprises": [{ "id": "ent-1", "name": "Test Steel", "region": "320583", "industry": "3130" }],
              "sites": [{ "id": "plant-01", "enterprise": "ent-1", "name": "Mill" }],
              "devices": [{ "site": "plant-01", "id": "m-1", "kind": "meter", "name": "Incomer", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 60 }]
            }
            """);
        File.WriteAllText(Folder.File("cedge-cloud.json"), $$"""
            {
              "mqtt": {{CloudMqtt()}},
              "influx": { "url": "{{Influx.Url}}", "database": "carbonedge" },
              "registry": { "path": "registry.db", "seed": "registry.json" },
              "ingestion": { "maxDelayMs": 50, "rateLimitSummarySeconds": 2 },
              "http": { "urls": "{{BaseUrl}}" },
              "access": { "signInsPerMinute": 1000, "keyRequestsPerMinute": 1000000, "addressRequestsPerMinute": 1000000, "keyLimits": { "{{RateLimitedKeyName}}": 5 } }
            }
            """);
        using (var access = AccessStore.Open(Folder.File("registry.db")))
        {
            AdminKey = access.CreateKey("test-admin", Roles.Admin, AccessScope.None, null).Key;
        }
        Http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, AdminKey);
        _app = RunCommand.Build(Folder.File("cedge-cloud.json"));
        await _app.StartAsync();
        // ready when the broker has answered ingestion's SUBSCRIBE
        var subscriber = _app.Services.GetRequiredService<TelemetrySubscriber>();
        await Poll.UntilAsync("cloud ingestion subscribed", TimeSpan.FromSeconds(30), () => subscriber.IsSubscribed);
    }

    /// <summary>The cloud's account over TLS.</summary>
    private string CloudMqtt()
    {
        var mqtt = Broker.MqttConfig(MosquittoAccount.Cloud);
        mqtt["clientId"] = "cloud-service-test";
        return mqtt.ToJsonString();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Http.Dispose();
        await Broker.DisposeAsync();
        await Influx.DisposeAsync();
    }

    /// <summary>Publishes with mosquitto_pub at QoS 1.</summary>
    public async Task PublishAsync(string topic, string payload)
    {
        await using var pub = ExternalProcess.Start("mosquitto_pub",
            [.. Broker.ClientArguments(), "-q", "1", "-t", topic, "-m", payload], Folder.File("pub.log"));
        if (await pub.WaitForExitAsync(TimeSpan.FromSeconds(10)) != 0) throw new InvalidOperationException(pub.ReadLog());
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(BaseUrl + path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, JsonDocument Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(BaseUrl + path);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }
}
