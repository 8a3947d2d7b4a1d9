using System.Net;
using CarbonEdge.Edge.Hosting;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Testing;
using Microsoft.Extensions.Hosting;

namespace CarbonEdge.Edge.Tests.Gateway;

/// <summary>
/// A refused SUBACK on real mosquitto. mosquitto 2.0 grants a subscription its <c>acl_file</c> denies (SUBACK 0x00 or
/// 0x01: the denied messages are just not delivered); its dynamic-security plugin refuses it, with reason code 0x87
/// NotAuthorized to an MQTT 5 client (0x80 to 3.1.1). Here the plugin's default ACL lets anonymous clients publish and
/// subscribe to nothing, so the gateway's <c>cmd/+</c> subscription is refused while its telemetry still goes through.
/// </summary>
public sealed class SubackRefusalTests : IAsyncLifetime
{
    private const string DynamicSecurityPlugin = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so"; // Debian's mosquitto package
    private const string CommandFilter = "carbonedge/v1/plant-01/gw-01/cmd/+";
    private readonly RunFolder _folder = RunFolder.Create("suback-refusal");
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(DynamicSecurityPlugin), $"{DynamicSecurityPlugin} missing: install Debian's mosquitto 2 package");
        string dynsec = _folder.File("dynamic-security.json");
        await File.WriteAllTextAsync(dynsec, """
            { "defaultACLAccess": { "publishClientSend": true, "publishClientReceive": true, "subscribe": false, "unsubscribe": true },
              "clients": [], "groups": [], "roles": [] }
            """);
        // TLS, and anonymous clients on: the plugin's default ACL, not an account, decides here
        _broker = await MosquittoBroker.StartAsync("suback-refusal-mosquitto", new MosquittoOptions
        {
            AllowAnonymous = true,
            StandardAccounts = false,
            ExtraLines = [$"plugin {DynamicSecurityPlugin}", $"plugin_opt_config_file {dynsec}"],
        });
    }

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private string Config(int metricsPort)
    {
        string path = _folder.File($"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "gateway": { "site": "plant-01", "id": "gw-01", "dataDir": "data-{{metricsPort}}" },
              "mqtt": { "url": "{{_broker.Url}}", "caFile": "{{_broker.CaFile}}", "protocolVersion": "5" },
              "health": { "metricsPort": {{metricsPort}} },
              "devices": [ { "id": "idle", "driver": "modbus-tcp", "intervalMs": 86400000, "modbus": { "host": "127.0.0.1", "port": 9, "timeoutMs": 100 },
                "points": [ { "point": "energy.active.import", "function": 3, "address": 0, "type": "float64" } ] } ]
            }
            """);
        return path;
    }

    [Fact]
    public async Task The_running_gateway_reports_the_reason_code_in_readyz_and_the_log_once_per_connect_and_cedge_check_names_it()
    {
        int port = FreePort.Next();
        var (config, problems) = GatewayConfigLoader.Load(Config(port));
        Assert.Empty(problems);
        using (var host = GatewayHost.Build(config))
        {
            await host.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Poll.UntilAsync("/readyz naming the refused SUBACK", TimeSpan.FromSeconds(30), async () =>
                (await (await http.GetAsync("/readyz")).Content.ReadAsStringAsync()).Contains("refused", StringComparison.Ordinal));
            var readyz = await http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
            string reason = await readyz.Content.ReadAsStringAsync();
            Assert.Contains($"connected but subscription to {CommandFilter} refused: NotAuthorized (0x87)", reason);
            await host.StopAsync();
        }
        // one SUBSCRIBE for the one connect: refused, reported, not retried in a loop
        Assert.Single(_broker.ReadLog().Split('\n'), l => l.Contains("Received SUBSCRIBE from cedge-plant-01-gw-01", StringComparison.Ordinal));

        var (code, _, error) = await Cedge.RunAsync("check", "--config", Config(0));
        Assert.NotEqual(0, code);
        Assert.Contains($"topic denied: subscription to {CommandFilter} refused: NotAuthorized (0x87)", error);
    }
}
