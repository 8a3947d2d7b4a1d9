using System.Text.Json;
using System.Text.Json.Nodes;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>
/// A whole plant on real parts: mosquitto and influxd started for the test, simulated meters served over Modbus TCP in
/// the test process, and <c>cedge-cloud run</c> and <c>cedge run</c> as separate processes with generated configs.
/// Everything on 127.0.0.1; disposing stops all of it.
/// </summary>
internal sealed class PlantRig : IAsyncDisposable
{
    public const string Site = "plant-01";
    public const string GatewayId = "gw-01";
    public const string Enterprise = "ent-1";
    public const string Database = "carbonedge";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private PlantRig(RunFolder folder, MosquittoBroker broker, InfluxServer influx, List<InProcessMeter> meters, int httpPort)
    {
        Folder = folder;
        Broker = broker;
        Influx = influx;
        Meters = meters;
        HttpPort = httpPort;
    }

    public RunFolder Folder { get; }
    public MosquittoBroker Broker { get; }
    public InfluxServer Influx { get; }
    public IReadOnlyList<InProcessMeter> Meters { get; }
    public int HttpPort { get; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public ExternalProcess? Cloud { get; private set; }
    public ExternalProcess? Gateway { get; private set; }
    private int _gatewayStarts;

    /// <summary>Starts broker, database, <paramref name="meterSettings"/>.Length meters (m-1, m-2, ...), the cloud and the gateway.</summary>
    /// <param name="customize">Edits the registry seed and the gateway config before they are written (e.g. a CEMS device and an hj212 input).</param>
    /// <param name="brokerOptions">The broker's settings; default MQTT over TLS with anonymous access off, the cloud and the
    /// gateway on their own accounts (<see cref="MosquittoAccount.Cloud"/>, <see cref="MosquittoAccount.Gateway"/>).</param>
    public static async Task<PlantRig> StartAsync(string name, MeterSettings[] meterSettings, int pollMs = 200, bool startGateway = true,
        Action<JsonObject, JsonObject>? customize = null, MosquittoOptions? brokerOptions = null)
    {
        var folder = RunFolder.Create(name);
        var broker = await MosquittoBroker.StartAsync($"{name}-mosquitto", brokerOptions);
        var influx = await InfluxServer.StartAsync($"{name}-influxd");
        var meters = meterSettings.Select((s, i) => new InProcessMeter($"m-{i + 1}", s)).ToList();
        var rig = new PlantRig(folder, broker, influx, meters, FreePort.Next());
        try
        {
            rig.WriteConfigs(pollMs, customize);
            await rig.StartCloudAsync();
            if (startGateway) await rig.StartGatewayAsync();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private void WriteConfigs(int pollMs, Action<JsonObject, JsonObject>? customize)
    {
        var registry = new JsonObject
        {
            ["enterprises"] = new JsonArray(new JsonObject { ["id"] = Enterprise, ["name"] = "Test Steel", ["region"] = "320583", ["industry"] = "3130" }),
            ["sites"] = new JsonArray(new JsonObject { ["id"] = Site, ["enterprise"] = Enterprise, ["name"] = "Test mill" }),
            ["devices"] = new JsonArray(Meters.Select(m => m.Device).Select(id => (JsonNode)new JsonObject
            {
                ["site"] = Site, ["id"] = id, ["kind"] = "meter", ["name"] = $"Meter {id}",
                ["multiplier"] = 1, ["rolloverKwh"] = null, ["intervalSeconds"] = 60,
            }).ToArray()),
        };
        var cloudMqtt = Broker.MqttConfig(MosquittoAccount.Cloud);
        cloudMqtt["clientId"] = "cedge-cloud-test";
        var gatewayMqtt = Broker.MqttConfig(MosquittoAccount.Gateway);
        gatewayMqtt["keepAliveSeconds"] = 5;
        var cloud = new JsonObject
        {
            ["mqtt"] = cloudMqtt,
            ["influx"] = new JsonObject { ["url"] = Influx.Url, ["database"] = Database },
            ["registry"] = new JsonObject { ["path"] = "registry.db", ["seed"] = "registry.json" },
            ["estimation"] = new JsonObject { ["zone"] = "Asia/Shanghai", ["lateDataDelaySeconds"] = 1 },
            ["ingestion"] = new JsonObject { ["maxDelayMs"] = 100 },
            ["http"] = new JsonObject { ["urls"] = BaseUrl },
        };
        File.WriteAllText(Folder.File("cedge-cloud.json"), cloud.ToJsonString());
        var gateway = new JsonObject
        {
            ["gateway"] = new JsonObject { ["site"] = Site, ["id"] = GatewayId, ["dataDir"] = "gateway-data" },
            ["mqtt"] = gatewayMqtt,
            ["uplink"] = new JsonObject { ["maxReadingsPerBatch"] = 200, ["flushIntervalMs"] = 300 },
            ["devices"] = new JsonArray(Meters.Select(m => (JsonNode)GatewayDevices.ModbusTcpMeter(m.Device, m.Port, 1, pollMs)).ToArray()),
        };
        customize?.Invoke(registry, gateway);
        File.WriteAllText(Folder.File("registry.json"), registry.ToJsonString());
        File.WriteAllText(Folder.File("gateway.json"), gateway.ToJsonString());
    }

    /// <summary>An admin API key, created with <c>cedge-cloud keys create</c> before the cloud starts; <see cref="GetAsync"/> sends it.</summary>
    public string AdminKey { get; private set; } = "";

    private async Task StartCloudAsync()
    {
        await using (var keys = ExternalProcess.Start("dotnet", [Executables.Cloud, "keys", "create", "--name", "rig-admin", "--role", "admin",
                         "--config", Folder.File("cedge-cloud.json")], Folder.File("keys.log")))
        {
            if (await keys.WaitForExitAsync(TimeSpan.FromSeconds(60)) != 0) throw new InvalidOperationException($"keys create failed: {keys.ReadLog()}");
            AdminKey = keys.ReadLog().Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("cek_", StringComparison.Ordinal));
        }
        Cloud = ExternalProcess.Start("dotnet", [Executables.Cloud, "run", "--config", Folder.File("cedge-cloud.json")], Folder.File("cloud.log"));
        await Poll.UntilAsync("cedge-cloud answering", TimeSpan.FromSeconds(60), async () =>
        {
            if (Cloud.HasExited) throw new InvalidOperationException($"cedge-cloud exited: {Cloud.ReadLog()}");
            try
            {
                using var response = await Http.GetAsync($"{BaseUrl}/healthz");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
    }

    /// <summary>Starts (or restarts) the gateway process on the same config and buffer.</summary>
    public Task StartGatewayAsync()
    {
        Gateway = ExternalProcess.Start(Executables.Gateway, ["run", "--config", Folder.File("gateway.json")],
            Folder.File($"gateway-{++_gatewayStarts}.log"));
        return Task.CompletedTask;
    }

    /// <summary>Kills the gateway with SIGKILL: no shutdown code runs, the broker publishes its Last Will.</summary>
    public async Task KillGatewayAsync()
    {
        if (Gateway is null) return;
        await Gateway.SignalAsync(9, TimeSpan.FromSeconds(10));
        await Gateway.DisposeAsync();
        Gateway = null;
    }

    /// <summary>Stops the gateway gracefully (SIGTERM).</summary>
    public async Task StopGatewayAsync()
    {
        if (Gateway is null) return;
        await Gateway.SignalAsync(15, TimeSpan.FromSeconds(20));
        await Gateway.DisposeAsync();
        Gateway = null;
    }

    public async Task<JsonDocument> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}{path}");
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>PUTs a JSON body with the admin key; throws on a non-success answer.</summary>
    public async Task PutAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{BaseUrl}{path}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Adds a dashboard user with <c>cedge-cloud users add</c> (password on stdin); returns its TOTP secret, or null.</summary>
    public async Task<string?> AddUserAsync(string name, string role, string scope, string password)
    {
        await using var users = ExternalProcess.Start("dotnet", [Executables.Cloud, "users", "add", "--name", name, "--role", role, "--scope", scope,
            "--config", Folder.File("cedge-cloud.json")], Folder.File($"users-{name}.log"));
        await users.WriteInputAndCloseAsync(password);
        if (await users.WaitForExitAsync(TimeSpan.FromSeconds(60)) != 0) throw new InvalidOperationException($"users add failed: {users.ReadLog()}");
        return users.ReadLog().Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("secret ", StringComparison.Ordinal))?["secret ".Length..];
    }

    /// <summary>Count of good values of one device and point in InfluxDB (<c>count(value)</c>).</summary>
    public async Task<long> CountAsync(string device, string point)
    {
        var rows = await Influx.RowsAsync(Database,
            $"SELECT count(value) FROM reading WHERE device = '{device}' AND point = '{point}' AND quality = 'good'");
        return rows.Count == 0 ? 0 : (long)rows[0].Number("count");
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await StopGatewayAsync();
        if (Cloud is not null) await Cloud.SignalAsync(15, TimeSpan.FromSeconds(15));
        if (Cloud is not null) await Cloud.DisposeAsync();
        foreach (var meter in Meters) await meter.DisposeAsync();
        await Broker.DisposeAsync();
        await Influx.DisposeAsync();
    }
}
