using System.Diagnostics;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Polling;
using CarbonEdge.Edge.Uplink;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Bus;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Meters.Dlt645;
using CarbonEdge.Simulators.Profiles;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Bus;

/// <summary>
/// Serial buses in the gateway, against <c>cedge-sim bus</c>'s server on the other end of a socat pty pair (8N1:
/// ptys refuse parity): a DL/T 645 meter and a Modbus RTU meter on ONE port polled at their intervals through one
/// shared line, with a dead meter on the same bus backed off without starving them; a port that disappears (socat
/// killed) reported down per bus, its points bad with <c>port-gone</c>, and reopened when it returns at the same path.
/// </summary>
public sealed class SerialBusTests
{
    private const string BusName = "rs485-1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 120_000)]
    public async Task MixedBus_Dlt645MeterAndModbusDevice_OnOnePty_PolledAtTheirIntervals_ADeadMeterStarvesNeither()
    {
        await using var pty = await SocatPtyPair.StartAsync("mixed-bus");
        await using var server = await ServeAsync(pty.PathA);
        DeviceOptions[] options =
        [
            Meter("m-645", "000000001234", intervalMs: 600),
            ModbusMeter("m-rtu", unitId: 7, intervalMs: 250),
            Meter("m-dead", "000000009999", intervalMs: 600, timeoutMs: 300),
        ];
        var buses = Buses(pty.PathB, options);
        var factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance, buses);
        await using var devices = new DeviceSet(options.Select(factory.Create).ToList());
        Assert.Single(buses.All); // one line, one channel, for both protocols

        var folder = RunFolder.Create("mixed-bus");
        using var buffer = ReadingBuffer.Open(folder.File("buffer.db"));
        var stats = new GatewayStats();
        var polling = new PollingService(devices, buffer, new UplinkSignal(), stats, TimeProvider.System, NullLogger<PollingService>.Instance);
        var clock = Stopwatch.StartNew();
        await polling.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync("both live devices polled repeatedly while the dead meter is backed off", Patience,
                () => Polls(stats, "m-645") >= 8 && Polls(stats, "m-rtu") >= 16 && Polls(stats, "m-dead") >= 4);
        }
        finally
        {
            await StopAsync(polling);
        }
        var elapsed = clock.Elapsed;
        var readings = Drain(buffer);
        var counts = stats.Devices;
        Assert.True(counts["m-645"].Failures == 0, Reasons(readings, "m-645"));
        Assert.True(counts["m-rtu"].Failures == 0, Reasons(readings, "m-rtu"));
        Assert.Equal(counts["m-dead"].Polls, counts["m-dead"].Failures);
        Assert.Contains(readings, r => r.Device == "m-dead" && r.Reason!.StartsWith("offline", StringComparison.Ordinal)); // backed off
        // each at its own interval, never more often (the lower bound is the wait above)
        Assert.InRange(counts["m-645"].Polls, 8, (long)(elapsed / TimeSpan.FromMilliseconds(600)) + 1);
        Assert.InRange(counts["m-rtu"].Polls, 16, (long)(elapsed / TimeSpan.FromMilliseconds(250)) + 1);
        Assert.All(readings.Where(r => r.Device != "m-dead"), r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Contains(readings, r => r.Device == "m-645" && r.Point == Points.EnergyActiveImport);
        Assert.Contains(readings, r => r.Device == "m-rtu" && r.Point == Points.PowerActive);
        Assert.True(server.Dlt645Requests > 0 && server.ModbusRequests > 0);
        Assert.Equal(0, server.BadFrames); // one request at a time: no two frames ever overlapped on the line
    }

    [Fact(Timeout = 120_000)]
    public async Task PulledPort_IsReportedDownPerBus_PointsBadPortGone_ReopenedWhenItReturns()
    {
        var pty = await SocatPtyPair.StartAsync("pulled-port");
        var server = await ServeAsync(pty.PathA);
        DeviceOptions[] options = [Meter("m-645", "000000001234", intervalMs: 200), ModbusMeter("m-rtu", unitId: 7, intervalMs: 200)];
        var buses = Buses(pty.PathB, options);
        var factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance, buses);
        await using var devices = new DeviceSet(options.Select(factory.Create).ToList());
        var folder = RunFolder.Create("pulled-port");
        using var buffer = ReadingBuffer.Open(folder.File("buffer.db"));
        var stats = new GatewayStats();
        SerialBusMetrics.Register(stats.Registry, buses);
        var polling = new PollingService(devices, buffer, new UplinkSignal(), stats, TimeProvider.System, NullLogger<PollingService>.Instance);
        await polling.StartAsync(CancellationToken.None);
        var readings = new List<Reading>();
        try
        {
            await Poll.UntilAsync("both devices read", Patience, () => Polls(stats, "m-645") >= 2 && Polls(stats, "m-rtu") >= 2);
            var line = Assert.Single(buses.All).Line;
            Assert.Equal(BusLineState.Up, line.State);
            string up = $"cedge_gateway_serial_bus_up{{bus=\"{BusName}\",port=\"{pty.PathB}\"}}";
            Assert.Contains($"{up} 1", await MetricsAsync(stats));

            await server.DisposeAsync();
            await pty.DisposeAsync(); // the USB adapter is pulled: the port's path vanishes
            await Poll.UntilAsync("the bus reported down, port gone", Patience, () => line.State == BusLineState.Down && line.PortGone);
            Assert.Contains($"{up} 0", await MetricsAsync(stats));
            await Poll.UntilAsync("both devices' points bad with port-gone, several polls over", Patience, () =>
            {
                readings.AddRange(Drain(buffer));
                return readings.Count(r => r.Reason == "port-gone" && r.Device == "m-645") >= 4 && readings.Count(r => r.Reason == "port-gone" && r.Device == "m-rtu") >= 4;
            });
            Assert.Equal(1, line.Downs); // reported once, not once per poll
            Assert.DoesNotContain(readings, r => r.Reason?.StartsWith("offline", StringComparison.Ordinal) == true); // a gone port is not the devices' failure

            pty = await pty.StartAgainAsync(); // plugged in again: the same path
            server = await ServeAsync(pty.PathA);
            var back = DateTimeOffset.UtcNow;
            await Poll.UntilAsync("the bus reopened and both devices read again", Patience, () =>
            {
                readings.AddRange(Drain(buffer));
                return readings.Any(r => r.Device == "m-645" && r.Quality == ReadingQuality.Good && r.Ts > back)
                    && readings.Any(r => r.Device == "m-rtu" && r.Quality == ReadingQuality.Good && r.Ts > back);
            });
            Assert.Equal(BusLineState.Up, line.State);
            Assert.Equal(1, line.Downs);
            string metrics = await MetricsAsync(stats);
            Assert.Contains($"{up} 1", metrics);
            Assert.Contains($"cedge_gateway_serial_bus_downs_total{{bus=\"{BusName}\",port=\"{pty.PathB}\"}} 1", metrics);
        }
        finally
        {
            await StopAsync(polling);
            await server.DisposeAsync();
            await pty.DisposeAsync();
        }
    }

    /// <summary><c>cedge-sim bus</c>'s server with meter 000000001234 (DL/T 645-2007) and Modbus unit 7 on <paramref name="path"/>, 9600 8N1.</summary>
    private static async Task<MixedBusServer> ServeAsync(string path)
    {
        var profile = LoadProfile.Load(LoadProfile.DefaultPath);
        var simulation = new SimulationClock(TimeProvider.System);
        var clock = new Dlt645MeterClock(simulation, TimeSpan.FromHours(8), TimeSpan.Zero);
        var meter = new Dlt645MeterResponder(Dlt645Address.Parse("000000001234"), Dlt645Version.V2007,
            new Dlt645MeterValues(new MeterModel(profile, new MeterSettings()), clock), clock, new Dlt645MeterFaults());
        var modbus = new MeterDataStore(new Dictionary<byte, MeterModel> { [7] = new(profile, new MeterSettings(DayOffset: 1)) }, simulation);
        var server = new MixedBusServer([meter], modbus);
        await server.StartAsync(new SerialChannel(new SerialPortOptions { Path = path, Baud = 9600 })).WaitAsync(StopWithin);
        return server;
    }

    private static SerialBuses Buses(string port, IReadOnlyList<DeviceOptions> devices) =>
        new([new SerialBusOptions { Name = BusName, Port = port, Baud = 9600, Parity = "N" }], devices, TimeProvider.System, NullLogger<SerialBuses>.Instance);

    /// <summary>A DL/T 645 meter; a live one has a patient timeout and a retry (the machine is shared), a dead one neither.</summary>
    private static DeviceOptions Meter(string id, string address, int intervalMs, int timeoutMs = 2000) => new()
    {
        Id = id,
        Driver = "dlt645",
        Bus = BusName,
        IntervalMs = intervalMs,
        Dlt645 = new Dlt645DeviceOptions { Address = address, FrozenDaily = false, ClockCheckS = 0, TimeoutMs = timeoutMs, Retries = timeoutMs >= 2000 ? 1 : 0 },
        Points = [new PointOptions { Point = Points.EnergyActiveImport }, new PointOptions { Point = Points.PowerActive }],
    };

    private static DeviceOptions ModbusMeter(string id, int unitId, int intervalMs) => new()
    {
        Id = id,
        Driver = "modbus-rtu",
        Bus = BusName,
        IntervalMs = intervalMs,
        Modbus = new ModbusDeviceOptions { UnitId = unitId, TimeoutMs = 2000, Retries = 1 },
        Points = [new PointOptions { Point = Points.PowerActive, Function = 4, Address = 18, Type = "float32" }],
    };

    private static long Polls(GatewayStats stats, string device) => stats.Devices.TryGetValue(device, out var counts) ? counts.Polls : 0;

    /// <summary>The readings buffered since the last call (sealed into batches and decoded).</summary>
    private static List<Reading> Drain(ReadingBuffer buffer) =>
        buffer.Seal("site", "gw", 100_000, DateTimeOffset.UtcNow, maxBatches: 1000)
            .SelectMany(b => TelemetryCodec.TryDeserialize(b.Payload, out TelemetryBatch? batch, out _) ? batch.Readings : [])
            .ToList();

    private static string Reasons(IEnumerable<Reading> readings, string device) =>
        string.Join("; ", readings.Where(r => r.Device == device && r.Reason is not null).Select(r => r.Reason).Distinct());

    private static async Task<string> MetricsAsync(GatewayStats stats)
    {
        using var text = new MemoryStream();
        await stats.Registry.CollectAndExportAsTextAsync(text);
        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }

    private static async Task StopAsync(PollingService polling)
    {
        using var within = new CancellationTokenSource(StopWithin);
        await polling.StopAsync(within.Token);
    }
}
