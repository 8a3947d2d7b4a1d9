using System.Text.Json.Nodes;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests.Chaos;

/// <summary>
/// The chaos run's real parts: mosquitto, influxd, N <c>cedge-cloud run</c> processes sharing one <c>$share/ingest/</c>
/// subscription and one registry file (each its own client id, persistent session and HTTP port), and one
/// <c>cedge run</c> process polling the <see cref="IChaosDevices"/>. Disposing stops all of it.
/// </summary>
internal sealed class ChaosRig : IAsyncDisposable
{
    public const string Site = "plant-01";
    public const string Database = "carbonedge";
    private const string LeaseTaken = "Estimation lease taken by";
    private readonly ExternalProcess?[] _clouds;
    private readonly int[] _cloudStarts;
    private int _gatewayStarts;

    private ChaosRig(RunFolder folder, MosquittoBroker broker, InfluxServer influx, IChaosDevices devices, int clouds)
    {
        Folder = folder;
        Broker = broker;
        Influx = influx;
        Devices = devices;
        _clouds = new ExternalProcess?[clouds];
        _cloudStarts = new int[clouds];
    }

    public RunFolder Folder { get; }
    public MosquittoBroker Broker { get; }
    public InfluxServer Influx { get; }
    public IChaosDevices Devices { get; }
    public ExternalProcess? Gateway { get; private set; }

    /// <summary>Starts broker, database and the cloud instances (each subscribed), then the gateway once they are.</summary>
    public static async Task<ChaosRig> StartAsync(ChaosPlan plan, IChaosDevices devices)
    {
        var folder = RunFolder.Create("chaos");
        var broker = await MosquittoBroker.StartAsync("chaos-mosquitto");
        var influx = await InfluxServer.StartAsync("chaos-influxd");
        var rig = new ChaosRig(folder, broker, influx, devices, plan.CloudInstances);
        try
        {
            rig.WriteConfigs(plan);
            await Task.WhenAll(Enumerable.Range(0, plan.CloudInstances).Select(rig.StartCloudAsync));
            rig.StartGateway();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private void WriteConfigs(ChaosPlan plan)
    {
        var registry = new JsonObject
        {
            ["enterprises"] = new JsonArray(new JsonObject { ["id"] = "ent-1", ["name"] = "Test Steel", ["region"] = "320583", ["industry"] = "3130" }),
            ["sites"] = new JsonArray(new JsonObject { ["id"] = Site, ["enterprise"] = "ent-1", ["name"] = "Test mill" }),
            ["devices"] = new JsonArray(Devices.Devices.Select(d => (JsonNode)new JsonObject
            {
                ["site"] = Site, ["id"] = d.Id, ["kind"] = "meter", ["name"] = $"Meter {d.Id}", ["multiplier"] = 1, ["rolloverKwh"] = null, ["intervalSeconds"] = 1,
            }).ToArray()),
        };
        File.WriteAllText(Folder.File("registry.json"), registry.ToJsonString());
        for (int i = 0; i < _clouds.Length; i++)
        {
            var cloud = new JsonObject
            {
                ["mqtt"] = CloudMqtt(i),
                ["influx"] = new JsonObject { ["url"] = Influx.Url, ["database"] = Database, ["timeoutSeconds"] = 5 },
                ["registry"] = new JsonObject { ["path"] = "registry.db", ["seed"] = "registry.json" },
                ["estimation"] = new JsonObject { ["zone"] = "Asia/Shanghai", ["lateDataDelaySeconds"] = 1, ["leaseSeconds"] = plan.LeaseSeconds },
                ["ingestion"] = new JsonObject { ["maxDelayMs"] = 100 },
                ["http"] = new JsonObject { ["urls"] = $"http://127.0.0.1:{FreePort.Next()}" },
            };
            File.WriteAllText(CloudConfig(i), cloud.ToJsonString());
        }
        var gateway = new JsonObject
        {
            ["gateway"] = new JsonObject { ["site"] = Site, ["id"] = "gw-01", ["dataDir"] = "gateway-data" },
            ["mqtt"] = GatewayMqtt(),
            ["uplink"] = new JsonObject { ["maxReadingsPerBatch"] = 500, ["flushIntervalMs"] = 300 },
            ["devices"] = new JsonArray(Devices.Devices.Select(d => (JsonNode)GatewayDevices.ModbusTcpMeter(d.Id, d.Port, d.UnitId, plan.PollMs)).ToArray()),
        };
        File.WriteAllText(Folder.File("gateway.json"), gateway.ToJsonString());
    }

    /// <summary>Cloud instance <paramref name="instance"/>'s account over TLS, in the shared group "ingest".</summary>
    private JsonObject CloudMqtt(int instance)
    {
        var mqtt = Broker.MqttConfig(MosquittoAccount.Cloud);
        mqtt["clientId"] = $"cedge-cloud-{instance + 1}";
        mqtt["sharedGroup"] = "ingest";
        mqtt["keepAliveSeconds"] = 5;
        return mqtt;
    }

    /// <summary>The gateway's account over TLS, MQTT 5.</summary>
    private JsonObject GatewayMqtt()
    {
        var mqtt = Broker.MqttConfig(MosquittoAccount.Gateway);
        mqtt["keepAliveSeconds"] = 5;
        mqtt["protocolVersion"] = "5";
        return mqtt;
    }

    private string CloudConfig(int instance) => Folder.File($"cedge-cloud-{instance + 1}.json");

    /// <summary>The log of cloud instance <paramref name="instance"/> (0-based), all its starts.</summary>
    public string CloudLog(int instance) => string.Concat(Enumerable.Range(1, _cloudStarts[instance])
        .Select(n => Folder.File($"cloud-{instance + 1}-{n}.log")).Where(File.Exists).Select(File.ReadAllText));

    /// <summary>Starts cloud instance <paramref name="instance"/> (0-based); returns once it has subscribed.</summary>
    public async Task StartCloudAsync(int instance)
    {
        string log = Folder.File($"cloud-{instance + 1}-{++_cloudStarts[instance]}.log");
        var cloud = _clouds[instance] = ExternalProcess.Start("dotnet", [Executables.Cloud, "run", "--config", CloudConfig(instance)], log);
        await Poll.UntilAsync($"cedge-cloud-{instance + 1} subscribed", TimeSpan.FromSeconds(90), () =>
            cloud.HasExited ? throw new InvalidOperationException($"cedge-cloud-{instance + 1} exited: {cloud.ReadLog()}") : cloud.ReadLog().Contains("Subscribed at", StringComparison.Ordinal));
    }

    /// <summary>How often each instance's log says it took the estimation lease.</summary>
    public int[] LeaseTakes() => Enumerable.Range(0, _clouds.Length).Select(i => CountOf(CloudLog(i), LeaseTaken)).ToArray();

    /// <summary>"Estimating ..." lines (estimation runs started) per instance.</summary>
    public int[] EstimationRuns() => Enumerable.Range(0, _clouds.Length).Select(i => CountOf(CloudLog(i), "Estimating ")).ToArray();

    /// <summary>Kills cloud instance <paramref name="instance"/> with SIGKILL (no shutdown code: the lease is not released).</summary>
    public async Task KillCloudAsync(int instance)
    {
        if (_clouds[instance] is not { } cloud) return;
        await cloud.SignalAsync(9, TimeSpan.FromSeconds(10));
        await cloud.DisposeAsync();
        _clouds[instance] = null;
    }

    /// <summary>Starts (or restarts) the gateway on the same config and buffer.</summary>
    public void StartGateway() =>
        Gateway = ExternalProcess.Start(Executables.Gateway, ["run", "--config", Folder.File("gateway.json")], Folder.File($"gateway-{++_gatewayStarts}.log"));

    /// <summary>SIGKILL: buffered and in-flight batches must survive it.</summary>
    public async Task KillGatewayAsync()
    {
        if (Gateway is null) return;
        await Gateway.SignalAsync(9, TimeSpan.FromSeconds(10));
        await Gateway.DisposeAsync();
        Gateway = null;
    }

    /// <summary>Good <c>energy.active.import</c> values in InfluxDB per device.</summary>
    public async Task<Dictionary<string, long>> EnergyCountsAsync()
    {
        var rows = await Influx.RowsAsync(Database,
            "SELECT count(value) FROM reading WHERE point = 'energy.active.import' AND quality = 'good' GROUP BY device");
        return rows.ToDictionary(r => r.Tags["device"], r => (long)r.Number("count"));
    }

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.SignalAsync(15, TimeSpan.FromSeconds(20));
            await Gateway.DisposeAsync();
        }
        foreach (var cloud in _clouds.OfType<ExternalProcess>())
        {
            await cloud.SignalAsync(15, TimeSpan.FromSeconds(15));
            await cloud.DisposeAsync();
        }
        await Devices.DisposeAsync();
        await Broker.DisposeAsync();
        await Influx.DisposeAsync();
    }
}
