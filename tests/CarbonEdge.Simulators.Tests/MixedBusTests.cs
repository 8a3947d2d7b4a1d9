using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Simulators.Tests;

/// <summary>
/// <c>cedge-sim bus</c>: a DL/T 645 meter and a Modbus RTU meter on one pty, read by a DL/T 645 client and a Modbus RTU
/// transport sharing one <see cref="BusLine"/> (one port, one request at a time), with requests of both protocols in
/// flight at once.
/// </summary>
public sealed class MixedBusTests
{
    private static readonly Dlt645Address Meter = Dlt645Address.Parse("000000001234");

    [Fact(Timeout = 120_000)]
    public async Task CedgeSimBus_AnswersBothProtocolsOnOnePty_ThroughOneSharedLine()
    {
        await using var pty = await SocatPtyPair.StartAsync("sim-bus");
        await using var sim = await CedgeSim.StartServingAsync("sim-bus", "bus", "--serial", pty.PathA, "--dlt645", "000000001234", "--modbus", "7",
            "--baud", "9600", "--parity", "N");
        await using var line = BusLine.OverSerial(new SerialPortOptions { Path = pty.PathB });
        await using var meter = new Dlt645Client(line, new Dlt645ClientOptions { ResponseTimeout = TimeSpan.FromSeconds(2), Retries = 0 });
        await using var transport = new ModbusRtuTransport(line, new ModbusRtuTransportOptions { ResponseTimeout = TimeSpan.FromSeconds(2) });
        var modbus = new ModbusClient(transport);

        // both protocols asking at once: the line takes them one at a time, so every answer is whole and for its asker
        var energy = Enumerable.Range(0, 10).Select(_ => meter.ReadAsync(Meter, Dlt645Catalog.ForwardActiveEnergy)).ToArray();
        var volts = Enumerable.Range(0, 10).Select(_ => modbus.ReadInputRegistersAsync(7, 0, 2).AsTask()).ToArray();
        await Task.WhenAll(energy).WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(volts).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(energy, r => Assert.True(Assert.Single(r.Result.Values).Number > 0));
        Assert.All(volts, r => Assert.InRange(Float32(r.Result), 215, 225));

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => modbus.ReadInputRegistersAsync(8, 0, 2).AsTask()); // no unit 8 on the bus
        Assert.True(Assert.Single((await meter.ReadAsync(Meter, Dlt645Catalog.ForwardActiveEnergy)).Values).Number > 0); // and the bus goes on
        Assert.Equal(BusLineState.Up, line.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task CedgeSimBus_RefusesUnit104_WhichStartsLikeADlt645Frame()
    {
        var (code, output) = await CedgeSim.RunAsync("bus", "--serial", "/dev/null", "--modbus", "104");
        Assert.Equal(2, code);
        Assert.Contains("104", output);
    }

    /// <summary>A float32 from two registers, high word first (the simulated meter's map).</summary>
    private static double Float32(ushort[] registers) =>
        ModbusValueCodec.TryDecode(registers, ModbusDataType.Float32, WordOrder.ABCD, out double value) ? value : double.NaN;
}
