using System.Net;
using System.Text.Json;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Hosting;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CarbonEdge.Edge.Tests.Gateway;

/// <summary>
/// The gateway host against a real mosquitto and a Modbus TCP server; what it publishes is read back with
/// <c>mosquitto_sub</c>, and commands are sent with <c>mosquitto_pub</c>.
/// </summary>
public sealed class GatewayHostTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private ModbusTcpServer _meter = null!;
    private readonly ModbusRegisterMap _registers = new([1], size: 64);
    private readonly RunFolder _folder = RunFolder.Create("gateway-host");

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync("gateway-host-mosquitto");
        _registers.SetValue(ModbusTable.HoldingRegisters, 1, 0, 123456.78, ModbusDataType.Float64);
        _registers.SetValue(ModbusTable.InputRegisters, 1, 18, 42.5, ModbusDataType.Float32);
        _meter = new ModbusTcpServer(_registers);
        _meter.Start(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public async Task DisposeAsync()
    {
        await _meter.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private IHost BuildHost(int pollMs = 100, int metricsPort = 0, string protocolVersion = "3.1.1")
    {
        string json = $$"""
            {
              "gateway": { "site": "plant-01", "id": "gw-01", "dataDir": "data" },
              "mqtt": {{MqttConfig(protocolVersion)}},
              "uplink": { "maxReadingsPerBatch": 50, "flushIntervalMs": 100 },
              "health": { "metricsPort": {{metricsPort}} },
              "devices": [
                { "id": "m-101", "driver": "modbus-tcp", "intervalMs": {{pollMs}}, "modbus": { "host": "127.0.0.1", "port": {{_meter.LocalEndPoint.Port}}, "unitId": 1, "timeoutMs": 500 },
                  "points": [
                    { "point": "energy.active.import", "function": 3, "address": 0, "type": "float64" },
                    { "point": "power.active", "function": 4, "address": 18, "type": "float32" } ] }
              ]
            }
            """;
        string path = _folder.File("gateway.json");
        File.WriteAllText(path, json);
        var (config, problems) = GatewayConfigLoader.Load(path);
        Assert.Empty(problems);
        return GatewayHost.Build(config!);
    }

    /// <summary>mosquitto_sub for <paramref name="count"/> messages (or, with 0, a persistent session), returned once its SUBACK is in.</summary>
    private async Task<ExternalProcess> SubscribeAsync(string topic, int count)
    {
        string[] until = count > 0 ? ["-C", count.ToString()] : ["-c", "-i", "test-sub"];
        // line-buffered so the debug line "received SUBACK" reaches the log before the process ends
        var sub = ExternalProcess.Start("stdbuf",
            ["-oL", "mosquitto_sub", "-d", .. _broker.ClientArguments(), "-t", topic, "-q", "1", .. until, "-v"],
            _folder.File($"sub-{Guid.NewGuid():N}.log"));
        try
        {
            await sub.WaitForLogAsync("received SUBACK", TimeSpan.FromSeconds(30));
            return sub;
        }
        catch
        {
            await sub.DisposeAsync(); // no subscriber left behind
            throw;
        }
    }

    /// <summary>The gateway's account over TLS, keep-alive 5 s, MQTT <paramref name="protocolVersion"/>.</summary>
    private string MqttConfig(string protocolVersion)
    {
        var mqtt = _broker.MqttConfig(MosquittoAccount.Gateway);
        mqtt["keepAliveSeconds"] = 5;
        mqtt["protocolVersion"] = protocolVersion;
        return mqtt.ToJsonString();
    }

    private static List<(string Topic, string Payload)> Messages(ExternalProcess sub) =>
        sub.ReadLog().Split('\n').Where(l => l.StartsWith("carbonedge/", StringComparison.Ordinal))
            .Select(l => (l[..l.IndexOf(' ')], l[(l.IndexOf(' ') + 1)..])).ToList();

    [Fact]
    public async Task Publishes_decoded_readings_in_consecutive_batches_and_empties_its_buffer()
    {
        await using var sub = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/telemetry", 5);
        using var host = BuildHost();
        await host.StartAsync();
        Assert.Equal(0, await sub.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await host.StopAsync();

        var batches = Messages(sub).Select(m => TelemetryCodec.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(m.Payload), out TelemetryBatch? b, out _) ? b : null).ToList();
        Assert.All(batches, Assert.NotNull);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), batches.Select(b => b!.Seq));
        var readings = batches.SelectMany(b => b!.Readings).ToList();
        Assert.All(readings.Where(r => r.Point == Points.EnergyActiveImport), r => Assert.Equal(123456.78, r.Value));
        Assert.All(readings.Where(r => r.Point == Points.PowerActive), r => Assert.Equal(42.5, r.Value));
        Assert.All(readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));

        using var buffer = ReadingBuffer.Open(Path.Combine(_folder.Path, "data", "buffer.db"));
        Assert.Equal(0, buffer.Summary().Batches);
    }

    [Fact]
    public async Task Buffers_while_the_broker_is_down_and_delivers_after_with_seq_unbroken()
    {
        // a persistent subscriber that reconnects by itself after the broker restart (libmosquitto's loop)
        await using var sub = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/telemetry", 0);
        using var host = BuildHost();
        await host.StartAsync();
        await Poll.UntilAsync("a first batch at the subscriber", TimeSpan.FromSeconds(30), () => Messages(sub).Count > 0);
        await _broker.StopAsync();
        var buffer = host.Services.GetRequiredService<ReadingBuffer>();
        await Poll.UntilAsync("readings waiting in the buffer while the broker is down", TimeSpan.FromSeconds(30), () => buffer.Summary().Buffered > 0);

        await _broker.StartAgainAsync();
        await Poll.UntilAsync("the buffer drained", TimeSpan.FromSeconds(30), () => buffer.Summary().Buffered == 0);
        await host.StopAsync();
        long lastSeq = buffer.Summary().NextSeq - 1;
        await Poll.UntilAsync("the last seq at the subscriber", TimeSpan.FromSeconds(30), () => Messages(sub).Count > 0 && Seqs(sub).Max() == lastSeq);
        // at-least-once: a batch in flight at the outage may arrive twice, but none is missing
        Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(i => (long)i), Seqs(sub).Distinct().Order());
    }

    [Fact]
    public async Task On_MQTT_5_a_batch_that_reached_no_subscriber_stays_buffered_and_goes_again_once_one_subscribes()
    {
        // mosquitto answers PUBACK 0x10 (no matching subscribers), e.g. after a restart before the cloud's shared
        // subscription is renewed; MQTTnet calls that a success, the gateway must not delete the batch for it
        using var host = BuildHost(protocolVersion: "5");
        await host.StartAsync();
        var buffer = host.Services.GetRequiredService<ReadingBuffer>();
        await Poll.UntilAsync("three batches sealed with nobody subscribed", TimeSpan.FromSeconds(30), () => buffer.Summary().NextSeq > 3);
        Assert.True(buffer.Summary().Batches >= 3, "batches that reached no subscriber stay in the buffer");

        await using var sub = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/telemetry", 1000);
        await Poll.UntilAsync("batch 1 at the late subscriber", TimeSpan.FromSeconds(30), () => Messages(sub).Count > 0 && Seqs(sub).Contains(1));
        await host.StopAsync();
    }

    [Fact]
    public async Task Operations_port_is_ready_while_connected_counts_polls_per_device_and_measures_the_puback_round_trip()
    {
        int port = FreePort.Next();
        using var host = BuildHost(metricsPort: port);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        await Poll.UntilAsync("/readyz 200", TimeSpan.FromSeconds(30), async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
        await Poll.UntilAsync("3 PUBACK latency samples", TimeSpan.FromSeconds(30), async () => Metric(await http.GetStringAsync("/metrics"), "cedge_gateway_publish_latency_seconds_count") >= 3);
        string text = await http.GetStringAsync("/metrics");
        Assert.True(Metric(text, "cedge_gateway_device_polls_total{device=\"m-101\"}") >= 1);
        Assert.Equal(0, Metric(text, "cedge_gateway_device_poll_failures_total{device=\"m-101\"}"));
        Assert.Equal(1, Metric(text, "cedge_gateway_broker_connected"));
        Assert.True(Metric(text, "cedge_gateway_publish_latency_seconds_sum") > 0);

        await _broker.StopAsync();
        await Poll.UntilAsync("/readyz 503", TimeSpan.FromSeconds(30), async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.Contains("not connected", await (await http.GetAsync("/readyz")).Content.ReadAsStringAsync());
        Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
        await host.StopAsync();
    }

    private static double Metric(string text, string name) => double.Parse(
        text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..],
        System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<long> Seqs(ExternalProcess sub) =>
        Messages(sub).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("seq").GetInt64());

    [Fact]
    public async Task Status_is_retained_online_and_offline_after_shutdown()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await using (var online = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/status", 1))
        {
            Assert.Equal(0, await online.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("\"state\":\"online\"", Messages(online).Single().Payload);
        }
        await host.StopAsync();
        await using var offline = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/status", 1);
        Assert.Equal(0, await offline.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("\"state\":\"offline\"", Messages(offline).Single().Payload);
    }

    [Theory]
    [InlineData("status", """{"correlationId":"c-1"}""", true, "\"buffered\"")]
    [InlineData("read-now", """{"correlationId":"c-2"}""", true, "\"devices\":1")]
    [InlineData("reboot", """{"correlationId":"c-3"}""", false, "unknown command 'reboot'")]
    [InlineData("status", """not json""", false, "not a command")]
    public async Task Commands_are_answered_on_the_reply_topic(string command, string payload, bool ok, string expected)
    {
        using var host = BuildHost(pollMs: 1000);
        await host.StartAsync();
        await using (var ready = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/status", 1))
        {
            await ready.WaitForExitAsync(TimeSpan.FromSeconds(30)); // online: subscribed to commands
        }
        await using var replies = await SubscribeAsync("carbonedge/v1/plant-01/gw-01/reply", 1);
        await using (var pub = ExternalProcess.Start("mosquitto_pub",
            [.. _broker.ClientArguments(), "-q", "1", "-t", $"carbonedge/v1/plant-01/gw-01/cmd/{command}", "-m", payload],
            _folder.File("pub.log")))
        {
            Assert.Equal(0, await pub.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal(0, await replies.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        using var reply = JsonDocument.Parse(Messages(replies).Single().Payload);
        Assert.Equal(ok, reply.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains(expected, ok ? reply.RootElement.GetProperty("result").GetRawText() : reply.RootElement.GetProperty("error").GetString());
        await host.StopAsync();
    }

}
