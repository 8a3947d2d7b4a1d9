using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// cedge-sim meter modbus-rtu on one end of a socat pty pair -> cedge-terminal (process) on the other -> mosquitto ->
/// cedge-cloud (process) -> influxd, with the terminal killed with SIGKILL and the broker restarted in the middle:
/// every reading the terminal stored in its flash file is in InfluxDB exactly once, through the gateway's contract.
/// </summary>
public sealed class TerminalExactlyOnceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_stored_reading_arrives_once_through_a_terminal_kill_and_a_broker_restart()
    {
        await using var rig = await PlantRig.StartAsync("terminal", [new MeterSettings(RegisterBaseKwh: 1000)], startGateway: false,
            brokerOptions: MosquittoOptions.PlainAnonymous); // the terminal firmware speaks plain MQTT without credentials
        await using var pty = await SocatPtyPair.StartAsync("terminal-pty");
        await using var meter = ExternalProcess.Start("dotnet", [Executables.Simulator, "meter", "modbus-rtu", "--port", pty.PathB],
            rig.Folder.File("meter.log"));
        string flash = rig.Folder.File("terminal-flash.bin"), config = rig.Folder.File("terminal.conf");
        File.WriteAllText(config, $"""
            site {PlantRig.Site}
            terminal term-01
            interval 1
            timeout 1000
            meter m-1 modbus 1
            point energy.active.import holding 16 uint32 scale 0.01
            point power.active input 18 float32
            point voltage.a input 0 float32
            serial.port {pty.PathA}
            mqtt.host {rig.Broker.Host}
            mqtt.port {rig.Broker.Port}
            storage.path {flash}
            storage.pages 32
            """);
        int starts = 0;
        ExternalProcess Start() => ExternalProcess.Start("dotnet", [Executables.Terminal, "--config", config], rig.Folder.File($"terminal-{++starts}.log"));

        var terminal = Start();
        try
        {
            await WaitForCountAsync(rig, 3, terminal);
            await terminal.SignalAsync(9, TimeSpan.FromSeconds(10)); // SIGKILL: flash and in-flight batches must survive
            await terminal.DisposeAsync();
            terminal = Start();
            await WaitForCountAsync(rig, 6, terminal);
            await rig.Broker.RestartAsync(TimeSpan.FromSeconds(2));
            await WaitForCountAsync(rig, 9, terminal); // reconnected and sending again
            await terminal.SignalAsync(15, TimeSpan.FromSeconds(20)); // graceful: sends the buffer, offline status
        }
        finally
        {
            await terminal.DisposeAsync();
        }

        long stored = StoredReadings(flash, out int pending);
        long count = 0;
        await Poll.UntilAsync("InfluxDB holding every stored energy reading", TimeSpan.FromSeconds(60), async () =>
            (count = await rig.CountAsync("m-1", Points.EnergyActiveImport)) >= stored);
        output.WriteLine($"stored in flash {stored}, pending {pending}, in InfluxDB {count}");
        Assert.True(stored >= 6);
        Assert.Equal(0, pending);
        Assert.Equal(stored, count);
        using var ingestion = await rig.GetAsync("/api/v1/ingestion");
        var counters = ingestion.RootElement.GetProperty("counters");
        output.WriteLine(counters.ToString());
        Assert.Empty(counters.GetProperty("messagesRejected").EnumerateObject());
        Assert.Empty(counters.GetProperty("readingsRejected").EnumerateObject());
    }

    private static async Task WaitForCountAsync(PlantRig rig, long atLeast, ExternalProcess terminal) =>
        await Poll.UntilAsync($"{atLeast} energy readings from cedge-terminal in InfluxDB", TimeSpan.FromSeconds(60), async () =>
        {
            if (terminal.HasExited) throw new InvalidOperationException($"cedge-terminal exited: {terminal.ReadLog()}");
            return await rig.CountAsync("m-1", Points.EnergyActiveImport) >= atLeast;
        });

    /// <summary>Good energy readings in the terminal's flash file (the first ring), read with the core's own ring.</summary>
    private static long StoredReadings(string path, out int pending)
    {
        var device = new FileFlash(File.ReadAllBytes(path), 4096);
        var store = new ReadingStore(device, ReadingStore.EnergyPages(32, 4096, 7, 1, 1));
        store.Mount();
        pending = store.Pending;
        long count = 0;
        byte[] record = new byte[RecordLayout.Size];
        // Every reading ever stored, acknowledged or not: walk the ring from its oldest slot.
        for (int page = 0; page < 32; page++)
            for (int slot = 1; slot < 4096 / RecordLayout.Size; slot++)
            {
                device.Read(page * 4096 + slot * RecordLayout.Size, record, 0, RecordLayout.Size);
                if (record[0] == RecordLayout.Reading && RecordLayout.IsValid(record) && record[3] == 0 && (record[1] & 0x7F) == 0)
                    count++;
            }
        return count;
    }

    private sealed class FileFlash(byte[] bytes, int pageSize) : IBlockDevice
    {
        public int PageSize => pageSize;
        public int PageCount => bytes.Length / pageSize;
        public void Read(int address, byte[] buffer, int offset, int count) => Array.Copy(bytes, address, buffer, offset, count);
        public void Program(int address, byte[] buffer, int offset, int count) => throw new NotSupportedException("read only");
        public void Erase(int page) => throw new NotSupportedException("read only");
    }
}
