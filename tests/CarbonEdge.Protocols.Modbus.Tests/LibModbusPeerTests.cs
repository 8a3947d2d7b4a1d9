using System.Globalization;
using System.Net;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>Our client against the libmodbus server, and mbpoll (libmodbus client) against our server, over TCP.</summary>
public class LibModbusPeerTests
{
    [Fact]
    public async Task OurClient_ReadsAndWritesTheLibmodbusServer()
    {
        await using var server = await LibModbusServer.StartTcpAsync();
        await using var transport = new ModbusTcpTransport("127.0.0.1", server.Port);
        var client = new ModbusClient(transport);

        Assert.Equal(new ushort[] { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 }, await client.ReadHoldingRegistersAsync(1, 10, 10));
        var input = await client.ReadInputRegistersAsync(1, 0, 125);
        Assert.Equal(Enumerable.Range(0, 100).Select(LibModbusServer.InputRegister), input.Take(100));
        Assert.Equal(230.5, ModbusValueCodec.Decode(input.AsSpan(100, 2), ModbusDataType.Float32, WordOrder.ABCD));

        var discrete = await client.ReadDiscreteInputsAsync(1, 0, 10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 3 == 0), discrete);
        await client.WriteMultipleCoilsAsync(1, 3, new[] { true, true, false, true });
        await client.WriteSingleCoilAsync(1, 0, true);
        Assert.Equal(new[] { true, false, false, true, true, false, true }, await client.ReadCoilsAsync(1, 0, 7));

        await client.WriteSingleRegisterAsync(1, 500, 0xCAFE);
        await client.WriteMultipleRegistersAsync(1, 501, new ushort[] { 1, 2 });
        Assert.Equal(new ushort[] { 0xCAFE, 1, 2 }, await client.ReadHoldingRegistersAsync(1, 500, 3));
        Assert.Equal(new ushort[] { 7, 8, 2 }, await client.ReadWriteMultipleRegistersAsync(1, 500, 3, 500, new ushort[] { 7, 8 }));

        var error = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadHoldingRegistersAsync(1, 999, 5).AsTask());
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, error.ExceptionCode);
    }

    [Fact]
    public async Task Mbpoll_ReadsOurTcpServer()
    {
        var map = new ModbusRegisterMap([1], size: 1000);
        map.SetRegisters(ModbusTable.HoldingRegisters, 1, 0, [100, 200, 300, 65535]);
        map.SetValue(ModbusTable.InputRegisters, 1, 10, 49.75, ModbusDataType.Float32, WordOrder.ABCD);
        await using var server = new ModbusTcpServer(map);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        string port = server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);

        // mbpoll addresses are 1-based: -r 1 is protocol address 0.
        var holding = await RunMbpollAsync(["-m", "tcp", "-a", "1", "-p", port, "-t", "4", "-r", "1", "-c", "4", "-1", "127.0.0.1"]);
        Assert.Equal(["100", "200", "300", "65535"], holding);
        var floats = await RunMbpollAsync(["-m", "tcp", "-a", "1", "-p", port, "-t", "3:float", "-B", "-r", "11", "-c", "1", "-1", "127.0.0.1"]);
        Assert.Equal(["49.75"], floats);
        await RunMbpollAsync(["-m", "tcp", "-a", "1", "-p", port, "-t", "4", "-r", "6", "-1", "127.0.0.1", "1234", "5678"]);
        var written = new ushort[2];
        map.GetRegisters(ModbusTable.HoldingRegisters, 1, 5, written);
        Assert.Equal(new ushort[] { 1234, 5678 }, written);
    }

    /// <summary>Runs mbpoll and returns the values of its <c>[address]: value</c> lines.</summary>
    internal static async Task<string[]> RunMbpollAsync(IEnumerable<string> arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Tools.Resolve("mbpoll")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        string error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"mbpoll failed ({process.ExitCode}): {output} {error}");
        return output.Split('\n').Where(l => l.StartsWith('[')).Select(l => l[(l.IndexOf(':') + 1)..].Trim().Split(' ')[0]).ToArray();
    }
}
