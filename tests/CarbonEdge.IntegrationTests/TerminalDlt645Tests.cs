using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// A DL/T 645-2007 meter (built on the DL/T 645 library) on a socat pty -> cedge-terminal (process) -> mosquitto ->
/// cedge-cloud (process) -> influxd: the energy values the meter served are the values InfluxDB holds.
/// </summary>
public sealed class TerminalDlt645Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dlt645_readings_reach_influxdb_with_the_values_the_meter_served()
    {
        await using var rig = await PlantRig.StartAsync("terminal-dlt645", [new MeterSettings()], startGateway: false);
        await using var pty = await SocatPtyPair.StartAsync("terminal-dlt645-pty");
        using var meter = new PtyDlt645Meter(pty.PathB, Dlt645Address.Parse("000012345678"));
        string config = rig.Folder.File("terminal.conf");
        File.WriteAllText(config, $"""
            site {PlantRig.Site}
            terminal term-02
            interval 1
            meter m-1 dlt645 000012345678
            point energy.active.import 00010000 4 2
            point voltage.a 02010100 2 1
            serial.port {pty.PathA}
            mqtt.host {rig.Broker.Host}
            mqtt.port {rig.Broker.Port}
            storage.path {rig.Folder.File("terminal-flash.bin")}
            storage.pages 16
            """);
        await using (var terminal = ExternalProcess.Start("dotnet", [Executables.Terminal, "--config", config], rig.Folder.File("terminal.log")))
        {
            await PlantRig.WaitUntilAsync("5 energy readings from cedge-terminal in InfluxDB", TimeSpan.FromSeconds(60), async () =>
            {
                if (terminal.HasExited) throw new InvalidOperationException($"cedge-terminal exited: {terminal.ReadLog()}");
                return await rig.CountAsync("m-1", Points.EnergyActiveImport) >= 5;
            });
            await terminal.SignalAsync(15, TimeSpan.FromSeconds(20));
        }
        decimal[] served;
        lock (meter.EnergyServed) served = [.. meter.EnergyServed];

        double[] stored = [];
        await PlantRig.WaitUntilAsync("InfluxDB holding what the meter served", TimeSpan.FromSeconds(30), async () =>
        {
            var rows = await rig.Influx.RowsAsync(PlantRig.Database,
                "SELECT value FROM reading WHERE device = 'm-1' AND point = 'energy.active.import' AND quality = 'good'");
            stored = rows.Select(r => r.Number("value")).ToArray();
            return stored.Length >= served.Length - 1;
        });
        output.WriteLine($"served {served.Length}: {string.Join(" ", served)}; in InfluxDB {stored.Length}");
        Assert.All(stored, v => Assert.Contains((decimal)v, served));
        Assert.InRange(stored.Length, served.Length - 1, served.Length); // at most the reply in flight at SIGTERM
        var voltage = await rig.Influx.RowsAsync(PlantRig.Database,
            "SELECT last(value) FROM reading WHERE device = 'm-1' AND point = 'voltage.a'");
        Assert.Equal(220.1, voltage[0].Number("last"));
    }
}
