using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// cedge-sim meter dlt645 on one end of a socat pty -> cedge-terminal (process) on the other -> mosquitto ->
/// cedge-cloud (process) -> influxd: the terminal's DL/T 645 readings arrive good, through the gateway's contract.
/// </summary>
public sealed class TerminalDlt645Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dlt645_readings_from_the_simulated_meter_reach_influxdb()
    {
        await using var rig = await PlantRig.StartAsync("terminal-dlt645", [new MeterSettings()], startGateway: false,
            brokerOptions: MosquittoOptions.PlainAnonymous); // the terminal firmware speaks plain MQTT without credentials
        await using var pty = await SocatPtyPair.StartAsync("terminal-dlt645-pty");
        await using var meter = ExternalProcess.Start("dotnet", [Executables.Simulator, "meter", "dlt645", "--serial", pty.PathB,
            "--address", "000012345678", "--baud", "9600", "--parity", "N", "--register-base", "1000"], rig.Folder.File("meter.log"));
        string config = rig.Folder.File("terminal.conf");
        File.WriteAllText(config, $"""
            site {PlantRig.Site}
            terminal term-02
            interval 1
            timeout 1000
            meter m-1 dlt645 000012345678
            point energy.active.import 00010000 4 2
            point voltage.a 02010100 2 1
            point power.active 02030000 3 4 signed
            serial.port {pty.PathA}
            mqtt.host {rig.Broker.Host}
            mqtt.port {rig.Broker.Port}
            storage.path {rig.Folder.File("terminal-flash.bin")}
            storage.pages 16
            """);
        await using (var terminal = ExternalProcess.Start("dotnet", [Executables.Terminal, "--config", config], rig.Folder.File("terminal.log")))
        {
            await Poll.UntilAsync("5 energy readings from cedge-terminal in InfluxDB", TimeSpan.FromSeconds(60), async () =>
            {
                if (terminal.HasExited) throw new InvalidOperationException($"cedge-terminal exited: {terminal.ReadLog()}");
                if (meter.HasExited) throw new InvalidOperationException($"cedge-sim exited: {meter.ReadLog()}");
                return await rig.CountAsync("m-1", Points.EnergyActiveImport) >= 5;
            });
            await terminal.SignalAsync(15, TimeSpan.FromSeconds(20));
        }

        var energy = (await rig.Influx.RowsAsync(PlantRig.Database,
            "SELECT value FROM reading WHERE device = 'm-1' AND point = 'energy.active.import' AND quality = 'good'"))
            .Select(r => r.Number("value")).ToArray();
        var voltage = (await rig.Influx.RowsAsync(PlantRig.Database,
            "SELECT value FROM reading WHERE device = 'm-1' AND point = 'voltage.a' AND quality = 'good'"))
            .Select(r => r.Number("value")).ToArray();
        output.WriteLine($"energy {string.Join(" ", energy)}; voltage {string.Join(" ", voltage)}");
        Assert.True(energy.Length >= 5);
        Assert.Equal(energy.Order(), energy); // a register only grows (no rollover within seconds)
        Assert.All(energy, e => Assert.Equal(Math.Round(e, 2), e)); // XXXXXX.XX
        Assert.NotEmpty(voltage);
        Assert.All(voltage, v => Assert.InRange(v, 220 * 0.98, 220 * 1.02)); // 220 V nominal +-1.2 % (docs/simulated-meter.md)
        // every poll's readings travel together: once the terminal's last batch is written, the counts agree
        await Poll.UntilAsync("as many power readings as energy readings in InfluxDB", TimeSpan.FromSeconds(30), async () =>
            await rig.CountAsync("m-1", Points.EnergyActiveImport) == await rig.CountAsync("m-1", Points.PowerActive));
    }
}
