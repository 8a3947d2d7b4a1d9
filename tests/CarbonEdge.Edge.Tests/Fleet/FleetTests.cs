using System.Globalization;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Fleet;

/// <summary>
/// <c>cedge-sim fleet</c> as a process: every meter answers on its own port with its own values (read by our client
/// and by mbpoll), on SIGTERM it writes the energy readings it served, and the config <c>cedge-sim fleet config</c> writes is one <c>cedge check</c> passes against a TLS
/// broker with a password, reading every meter.
/// </summary>
public sealed class FleetTests : IAsyncLifetime
{
    private const int Devices = 20;
    private readonly int _base = FreePort.Range(Devices);
    private readonly RunFolder _folder = RunFolder.Create("fleet");
    private ExternalProcess _fleet = null!;

    public async Task InitializeAsync()
    {
        _fleet = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "fleet", "--devices", Text(Devices),
            "--listen-base", Text(_base), "--served", _folder.File("served.csv")], _folder.File("cedge-sim.log"));
        await _fleet.WaitForLogAsync(" serving ", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task EveryMeter_AnswersOnItsPort_WithItsOwnEnergyRegister()
    {
        Assert.Contains($"fleet of {Devices} meters serving Modbus TCP on 127.0.0.1:{_base}-{_base + Devices - 1}", _fleet.ReadLog());
        var registers = new List<double>();
        for (int i = 0; i < Devices; i++)
        {
            await using var transport = new ModbusTcpTransport("127.0.0.1", _base + i);
            var holding = await new ModbusClient(transport).ReadHoldingRegistersAsync(1, 0, 4);
            registers.Add(ModbusValueCodec.Decode(holding, ModbusDataType.Float64, WordOrder.ABCD));
        }
        Assert.All(registers, kwh => Assert.True(kwh > 0));
        Assert.Equal(Devices, registers.Distinct().Count());
        // mbpoll (libmodbus) on the last meter: 1-based addresses, big-endian floats, the three phase voltages.
        var volts = await Mbpoll.RunAsync(["-m", "tcp", "-a", "1", "-p", Text(_base + Devices - 1), "-t", "3:float", "-B", "-r", "1", "-c", "3", "-1", "127.0.0.1"]);
        Assert.Equal(3, volts.Length);
        Assert.All(volts, v => Assert.InRange(double.Parse(v, CultureInfo.InvariantCulture), 215, 225));
    }

    [Fact]
    public async Task OnSigterm_WritesTheEnergyReadingsServedPerMeter()
    {
        for (int read = 0; read < 3; read++)
        {
            await using var transport = new ModbusTcpTransport("127.0.0.1", _base + 1);
            await new ModbusClient(transport).ReadHoldingRegistersAsync(1, 0, 4);
        }
        await _fleet.SignalAsync(15, TimeSpan.FromSeconds(20)); // it stopped twice over (explicitly, then at scope end) before: the second threw
        Assert.Equal(0, _fleet.ExitCode);
        var rows = File.ReadAllLines(_folder.File("served.csv"));
        Assert.Equal("device,port,energy_reads", rows[0]);
        Assert.Equal(Devices, rows.Length - 1);
        Assert.Equal($"m-0002,{_base + 1},3", rows[2]);
        Assert.Equal($"m-0001,{_base},0", rows[1]);
    }

    [Fact]
    public async Task GeneratedConfig_PassesCedgeCheck_ReadingEveryMeter()
    {
        await using var broker = await MosquittoBroker.StartAsync("fleet-check");
        string config = _folder.File("gateway.json");
        var account = MosquittoAccount.Gateway;
        await using (var writer = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "fleet", "config",
            "--devices", Text(Devices), "--listen-base", Text(_base), "--site", "plant-01", "--gateway", "gw-01", "--broker", broker.Url,
            "--ca-file", broker.CaFile!, "--username", account.Username, "--password", account.Password, "--interval-ms", "1000", "--out", config], _folder.File("config.log")))
        {
            Assert.Equal(0, await writer.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"{Devices} modbus-tcp devices every 1000 ms", writer.ReadLog());
        }
        var (code, output, error) = await Cedge.RunAsync("check", "--config", config);
        Assert.True(code == 0, output + error);
        for (int i = 1; i <= Devices; i++) Assert.Contains($"m-{i:D4}", output);
    }
}
