using System.Text.Json;
using System.Text.Json.Nodes;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// Broker ACLs on real mosquitto with its dynamic-security plugin (T/CES carbon statistics §8.2) and gateway
/// provisioning: <c>cedge-cloud broker token</c> makes a one-time token, <c>cedge provision</c> trades it for the
/// gateway's own account (a second use is refused); a gateway's credentials publish only under its own
/// <c>carbonedge/v1/{site}/{gateway}/</c> and cannot read another gateway's telemetry; the cloud's account reads it.
/// </summary>
public sealed class ProvisioningTests
{
    private const string AdminPassword = "dynsec-admin-pw", CloudPassword = "cloud-broker-pw";

    [Fact]
    public async Task A_token_provisions_a_gateway_once_and_its_account_is_confined_to_its_own_topics()
    {
        var folder = RunFolder.Create("provisioning");
        string dynsec = folder.File("dynamic-security.json");
        await RunAsync(folder, "dynsec-init", "mosquitto_ctrl", ["dynsec", "init", dynsec, "admin", AdminPassword]);
        await using var broker = await MosquittoBroker.StartAsync("provisioning-mosquitto", new MosquittoOptions
        {
            StandardAccounts = false, // the accounts are dynamic security's
            ExtraLines = ["plugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so", $"plugin_opt_config_file {dynsec}"],
        });
        await using var influx = await InfluxServer.StartAsync("provisioning-influxd");
        int httpPort = FreePort.Next();
        string cloudConfig = folder.File("cedge-cloud.json");
        File.WriteAllText(cloudConfig, new JsonObject
        {
            ["mqtt"] = new JsonObject { ["url"] = broker.Url, ["caFile"] = broker.CaFile, ["clientId"] = "cedge-cloud-provisioning", ["username"] = "cloud", ["password"] = CloudPassword },
            ["influx"] = new JsonObject { ["url"] = influx.Url, ["database"] = "carbonedge" },
            ["registry"] = new JsonObject { ["path"] = "registry.db" },
            ["http"] = new JsonObject { ["urls"] = $"http://127.0.0.1:{httpPort}" },
            ["broker"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = broker.Port, ["adminUsername"] = "admin", ["adminPassword"] = AdminPassword,
                ["ctrlArguments"] = new JsonArray("--cafile", broker.CaFile), ["gatewayUrl"] = broker.Url },
        }.ToJsonString());
        await RunAsync(folder, "cloud-account", "dotnet", [Executables.Cloud, "broker", "cloud-account", "--username", "cloud", "--config", cloudConfig], CloudPassword);

        await using var cloud = ExternalProcess.Start("dotnet", [Executables.Cloud, "run", "--config", cloudConfig], folder.File("cloud.log"));
        using var http = new HttpClient();
        await Poll.UntilAsync("cloud ready on the broker with its own account", TimeSpan.FromSeconds(60), async () =>
        {
            if (cloud.HasExited) throw new InvalidOperationException(cloud.ReadLog());
            try { return (await http.GetAsync($"http://127.0.0.1:{httpPort}/readyz")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        });

        var a = await ProvisionAsync(folder, cloudConfig, httpPort, "gw-01");
        var b = await ProvisionAsync(folder, cloudConfig, httpPort, "gw-02");
        Assert.Equal(("plant-01.gw-01", broker.Url), (a.Username, a.Url));

        string reuse = a.Token;
        var again = await RunAsync(folder, "provision-again", Executables.Gateway, ["provision", "--cloud", $"http://127.0.0.1:{httpPort}/", "--token", reuse,
            "--config", folder.File("gateway-again.json")], expectedExit: 1);
        Assert.Contains("already used", again);

        // the cloud's account reads every gateway's telemetry; gateway A subscribes to all telemetry and its own commands
        await using var cloudSub = ExternalProcess.Start("mosquitto_sub", [.. broker.ClientArguments(), "-u", "cloud", "-P", CloudPassword, "-V", "5",
            "-t", "carbonedge/v1/+/+/telemetry", "-v"], folder.File("cloud-sub.log"));
        await using var aSub = ExternalProcess.Start("mosquitto_sub", [.. broker.ClientArguments(), "-u", a.Username, "-P", a.Password, "-V", "5",
            "-t", "carbonedge/v1/+/+/telemetry", "-t", "carbonedge/v1/plant-01/gw-01/cmd/#", "-v"], folder.File("a-sub.log"));
        await Poll.UntilAsync("subscribers ready", TimeSpan.FromSeconds(30), async () =>
        {
            await PublishAsync(folder, broker, a, "carbonedge/v1/plant-01/gw-01/telemetry", "a-probe", expectOk: true);
            return cloudSub.ReadLog().Contains("a-probe", StringComparison.Ordinal);
        });

        await PublishAsync(folder, broker, a, "carbonedge/v1/plant-01/gw-02/telemetry", "forged-by-a", expectOk: false);
        await PublishAsync(folder, broker, a, "carbonedge/v2/anything", "outside-the-prefix", expectOk: false);
        await PublishAsync(folder, broker, b, "carbonedge/v1/plant-01/gw-02/telemetry", "b-secret", expectOk: true);
        await PublishAsync(folder, broker, a, "carbonedge/v1/plant-01/gw-01/telemetry", "a-marker", expectOk: true);
        await PublishAsync(folder, broker, ("cloud", CloudPassword), "carbonedge/v1/plant-01/gw-01/cmd/read-now", "cmd-marker", expectOk: true);
        await Poll.UntilAsync("markers delivered", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(cloudSub.ReadLog().Contains("a-marker", StringComparison.Ordinal) && aSub.ReadLog().Contains("cmd-marker", StringComparison.Ordinal)));

        string cloudSaw = cloudSub.ReadLog(), aSaw = aSub.ReadLog();
        Assert.Contains("carbonedge/v1/plant-01/gw-02/telemetry b-secret", cloudSaw);
        Assert.DoesNotContain("forged-by-a", cloudSaw);
        Assert.DoesNotContain("b-secret", aSaw);
        Assert.DoesNotContain("a-marker", aSaw); // the wildcard subscription was refused: not even its own telemetry comes back
    }

    private sealed record Provisioned(string Token, string Url, string Username, string Password);

    private static async Task<Provisioned> ProvisionAsync(RunFolder folder, string cloudConfig, int httpPort, string gateway)
    {
        string output = await RunAsync(folder, $"token-{gateway}", "dotnet", [Executables.Cloud, "broker", "token", "--site", "plant-01", "--gateway", gateway, "--config", cloudConfig]);
        string token = output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("cpt_", StringComparison.Ordinal));
        string config = folder.File($"gateway-{gateway}.json");
        File.WriteAllText(config, """{ "gateway": { "dataDir": "data" }, "mqtt": { "keepAliveSeconds": 5 } }""");
        await RunAsync(folder, $"provision-{gateway}", Executables.Gateway, ["provision", "--cloud", $"http://127.0.0.1:{httpPort}/", "--token", token, "--config", config]);
        using var written = JsonDocument.Parse(File.ReadAllText(config));
        var mqtt = written.RootElement.GetProperty("mqtt");
        Assert.Equal(gateway, written.RootElement.GetProperty("gateway").GetProperty("id").GetString());
        Assert.Equal("data", written.RootElement.GetProperty("gateway").GetProperty("dataDir").GetString());
        Assert.Equal(5, mqtt.GetProperty("keepAliveSeconds").GetInt32());
        return new Provisioned(token, mqtt.GetProperty("url").GetString()!, mqtt.GetProperty("username").GetString()!, mqtt.GetProperty("password").GetString()!);
    }

    private static Task PublishAsync(RunFolder folder, MosquittoBroker broker, Provisioned who, string topic, string message, bool expectOk) =>
        PublishAsync(folder, broker, (who.Username, who.Password), topic, message, expectOk);

    /// <summary>mosquitto_pub over MQTT 5 at QoS 1: a denied publish gets PUBACK 0x87 (Not authorized) and a non-zero exit.</summary>
    private static async Task PublishAsync(RunFolder folder, MosquittoBroker broker, (string User, string Password) who, string topic, string message, bool expectOk)
    {
        await using var pub = ExternalProcess.Start("mosquitto_pub", [.. broker.ClientArguments(), "-u", who.User, "-P", who.Password, "-V", "5", "-q", "1",
            "-t", topic, "-m", message], folder.File("pub.log"));
        int exit = await pub.WaitForExitAsync(TimeSpan.FromSeconds(20));
        if (expectOk) Assert.True(exit == 0, $"publish to {topic} as {who.User} failed: {pub.ReadLog()}");
    }

    private static async Task<string> RunAsync(RunFolder folder, string name, string program, string[] arguments, string? input = null, int expectedExit = 0)
    {
        await using var process = ExternalProcess.Start(program, arguments, folder.File($"{name}.log"));
        if (input is not null) await process.WriteInputAndCloseAsync(input);
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        string log = process.ReadLog();
        Assert.True(exit == expectedExit, $"{name}: exit {exit}, expected {expectedExit}: {log}");
        return log;
    }
}
