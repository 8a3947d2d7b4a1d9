using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Testing;

namespace CarbonEdge.Simulators.Tests;

/// <summary>
/// <c>cedge-sim meter modbus-rtu|modbus-rtutcp|modbus-tcp</c> run as processes, read by our client and by mbpoll
/// (libmodbus) over a socat pty pair and TCP, with the fault options switched on.
/// </summary>
public class MeterServingTests
{
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>What any reading of the meter map must satisfy: phase voltages near 220 V, 50 Hz, both energy registers agree.</summary>
    private static async Task AssertPlausibleMeterAsync(ModbusClient client, byte unit)
    {
        var input = await client.ReadInputRegistersAsync(unit, 0, 26);
        for (int phase = 0; phase < 3; phase++)
        {
            Assert.InRange(ModbusValueCodec.Decode(input.AsSpan(2 * phase), ModbusDataType.Float32, WordOrder.ABCD), 215, 225);
        }
        Assert.InRange(ModbusValueCodec.Decode(input.AsSpan(24), ModbusDataType.Float32, WordOrder.ABCD), 49.95, 50.05);
        var holding = await client.ReadHoldingRegistersAsync(unit, 0, 18);
        double kwh = ModbusValueCodec.Decode(holding, ModbusDataType.Float64, WordOrder.ABCD);
        double hundredths = ModbusValueCodec.Decode(holding.AsSpan(16), ModbusDataType.UInt32, WordOrder.ABCD);
        Assert.True(kwh > 0);
        Assert.InRange(hundredths / 100 - kwh, -1, 1);
    }

    [Fact]
    public async Task ModbusRtu_OnAPty_AnswersOurClientAndMbpoll()
    {
        await using var pty = await SocatPtyPair.StartAsync("sim-rtu");
        await using var sim = await CedgeSim.StartServingAsync("sim-rtu", "meter", "modbus-rtu", "--port", pty.PathA, "--baud", "19200", "--unit", "7");
        Assert.Contains($"Modbus RTU on {pty.PathA} 19200 8N1", sim.Log);

        await using (var transport = ModbusRtuTransport.OverSerial(new SerialPortOptions { Path = pty.PathB, Baud = 19200 }, TimeSpan.FromSeconds(2)))
        {
            var client = new ModbusClient(transport);
            await AssertPlausibleMeterAsync(client, 7);
            var outside = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadInputRegistersAsync(7, 20, 10).AsTask());
            Assert.Equal(ModbusExceptionCode.IllegalDataAddress, outside.ExceptionCode);
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(8, 0, 2).AsTask());
        }
        // mbpoll: 1-based addresses, big-endian floats: the three phase voltages.
        var volts = await Mbpoll.RunAsync(["-m", "rtu", "-b", "19200", "-P", "none", "-a", "7", "-t", "3:float", "-B", "-r", "1", "-c", "3", "-1", pty.PathB]);
        Assert.Equal(3, volts.Length);
        Assert.All(volts, v => Assert.InRange(double.Parse(v, CultureInfo.InvariantCulture), 215, 225));
    }

    [Fact]
    public async Task ModbusTcp_DribbledAnswers_ReachMbpollAndOurClient_AndACrcFaultIsRefused()
    {
        int port = FreePort.Next();
        await using (var sim = await CedgeSim.StartServingAsync("sim-tcp", "meter", "modbus-tcp", "--listen", $"127.0.0.1:{port}", "--dribble-ms", "2"))
        {
            Assert.Contains("faults: dribble 2 ms/byte", sim.Log);
            var energy = await Mbpoll.RunAsync(["-m", "tcp", "-a", "1", "-p", Text(port), "-t", "4:int", "-B", "-r", "17", "-c", "1", "-1", "127.0.0.1"]);
            Assert.True(long.Parse(Assert.Single(energy), CultureInfo.InvariantCulture) > 0);
            await using var transport = new ModbusTcpTransport("127.0.0.1", port);
            await AssertPlausibleMeterAsync(new ModbusClient(transport), 1);
        }
        var (code, output) = await CedgeSim.RunAsync("meter", "modbus-tcp", "--listen", $"127.0.0.1:{port}", "--bad-crc");
        Assert.Equal(2, code);
        Assert.Contains("--bad-crc needs a CRC", output);
        (code, output) = await CedgeSim.RunAsync("meter", "modbus-tcp", "--listen", $"127.0.0.1:{port}", "--exception", "0");
        Assert.Equal(2, code);
        Assert.Contains("--exception '0' is not a code", output);
    }

    [Fact]
    public async Task ModbusTcp_ExceptionAndDelayFaults_ReachTheClient()
    {
        int port = FreePort.Next();
        await using var sim = await CedgeSim.StartServingAsync("sim-tcp-faults", "meter", "modbus-tcp", "--listen", $"127.0.0.1:{port}",
            "--exception", "0x06", "--delay-ms", "150");
        Assert.Contains("faults: delay 150 ms, exception 0x06 (server device busy)", sim.Log);
        await using var transport = new ModbusTcpTransport("127.0.0.1", port, new ModbusTcpTransportOptions { ResponseTimeout = TimeSpan.FromSeconds(5) });
        var client = new ModbusClient(transport);
        var started = Stopwatch.GetTimestamp();
        var busy = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadInputRegistersAsync(1, 0, 2).AsTask());
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(140), "the answer came before the delay");
        Assert.Equal((ModbusExceptionCode.ServerDeviceBusy, ModbusFunctionCode.ReadInputRegisters), (busy.ExceptionCode, busy.Function));
        var mbpoll = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Mbpoll.RunAsync(["-m", "tcp", "-a", "1", "-p", Text(port), "-t", "3", "-r", "1", "-c", "1", "-1", "127.0.0.1"]));
        Assert.Contains("busy", mbpoll.Message);
    }

    [Fact]
    public async Task ModbusRtuTcp_WrongUnitAndBadCrc_OnAFractionOfRequests()
    {
        int port = FreePort.Next();
        await using var sim = await CedgeSim.StartServingAsync("sim-rtutcp", "meter", "modbus-rtutcp", "--listen", $"127.0.0.1:{port}",
            "--unit", "3", "--wrong-unit", "--bad-crc", "--fault-rate", "0.5");
        await using var transport = new ModbusRtuTransport(new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = port }),
            new ModbusRtuTransportOptions { ResponseTimeout = TimeSpan.FromSeconds(2) });
        var client = new ModbusClient(transport);
        int good = 0, badCrc = 0;
        for (int i = 0; i < 40; i++)
        {
            try
            {
                var volts = await client.ReadInputRegistersAsync(3, 0, 2);
                Assert.InRange(ModbusValueCodec.Decode(volts, ModbusDataType.Float32, WordOrder.ABCD), 215, 225);
                good++;
            }
            catch (ModbusProtocolException ex)
            {
                // A faulted answer has both faults; the CRC is checked first.
                Assert.Equal(FrameError.BadCrc, ex.Error);
                badCrc++;
            }
        }
        // 40 draws at rate 0.5: all alike has probability 2^-39.
        Assert.True(good > 0 && badCrc > 0, $"{good} good, {badCrc} bad CRC");
    }

    [Fact]
    public async Task ModbusRtu_Silent_TimesOut()
    {
        await using var pty = await SocatPtyPair.StartAsync("sim-rtu-silent");
        await using var sim = await CedgeSim.StartServingAsync("sim-rtu-silent", "meter", "modbus-rtu", "--port", pty.PathA, "--silent");
        Assert.Contains("faults: silent", sim.Log);
        await using var transport = ModbusRtuTransport.OverSerial(new SerialPortOptions { Path = pty.PathB }, TimeSpan.FromMilliseconds(500));
        var client = new ModbusClient(transport);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(1, 0, 2).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Mbpoll.RunAsync(["-m", "rtu", "-b", "9600", "-P", "none", "-a", "1", "-t", "3", "-r", "1", "-c", "1", "-1", pty.PathB]));
    }
}
