using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>RTU over socat pty pairs (with libmodbus and mbpoll as the peers) and RTU over TCP.</summary>
public class RtuTests
{
    private static SerialPortOptions Port(string path) => new() { Path = path, Baud = 9600, Parity = SerialParity.None };

    [Fact]
    public async Task OurSerialClient_ReadsTheLibmodbusRtuServer()
    {
        await using var pty = await SocatPtyPair.StartAsync("rtu-libmodbus");
        await using var server = await LibModbusServer.StartRtuAsync(pty.PathA, 17);
        await using var transport = ModbusRtuTransport.OverSerial(Port(pty.PathB), TimeSpan.FromSeconds(1));
        var client = new ModbusClient(transport);

        Assert.Equal(new ushort[] { 5, 6, 7 }, await client.ReadHoldingRegistersAsync(17, 5, 3));
        var input = await client.ReadInputRegistersAsync(17, 98, 4);
        Assert.Equal(new[] { LibModbusServer.InputRegister(98), LibModbusServer.InputRegister(99) }, input[..2]);
        Assert.Equal(230.5, ModbusValueCodec.Decode(input.AsSpan(2), ModbusDataType.Float32, WordOrder.ABCD));
        await client.WriteMultipleRegistersAsync(17, 10, new ushort[] { 0x1111, 0x2222 });
        Assert.Equal(new ushort[] { 0x1111, 0x2222 }, await client.ReadHoldingRegistersAsync(17, 10, 2));
        await client.WriteSingleCoilAsync(17, 4, true);
        Assert.Equal(new[] { false, true, false }, await client.ReadCoilsAsync(17, 3, 3));
        var error = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadInputRegistersAsync(17, 998, 3).AsTask());
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, error.ExceptionCode);
        // Another unit on the bus does not answer: the client times out and the bus goes on.
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(18, 0, 1).AsTask());
        Assert.Equal(new ushort[] { 1 }, await client.ReadHoldingRegistersAsync(17, 1, 1));
        // Broadcast write: nobody answers, libmodbus carries it out.
        await client.WriteSingleRegisterAsync(0, 20, 777);
        Assert.Equal(new ushort[] { 777 }, await client.ReadHoldingRegistersAsync(17, 20, 1));
    }

    [Fact]
    public async Task Mbpoll_ReadsOurSerialServer()
    {
        await using var pty = await SocatPtyPair.StartAsync("rtu-mbpoll");
        var map = new ModbusRegisterMap([5], size: 100);
        map.SetRegisters(ModbusTable.HoldingRegisters, 5, 0, [11, 22, 33]);
        map.SetValue(ModbusTable.InputRegisters, 5, 4, -3.5, ModbusDataType.Float32);
        var port = Port(pty.PathB);
        await using var server = new ModbusRtuServer(new SerialChannel(port), map, port.FrameGap);
        await server.StartAsync();

        var holding = await Mbpoll.RunAsync(["-m", "rtu", "-b", "9600", "-P", "none", "-a", "5", "-t", "4", "-r", "1", "-c", "3", "-1", pty.PathA]);
        Assert.Equal(["11", "22", "33"], holding);
        var floats = await Mbpoll.RunAsync(["-m", "rtu", "-b", "9600", "-P", "none", "-a", "5", "-t", "3:float", "-B", "-r", "5", "-c", "1", "-1", pty.PathA]);
        Assert.Equal(["-3.5"], floats);
        Assert.Equal(0, server.Statistics.BadFrames);
    }

    [Fact]
    public async Task TwoClientsOnOneBus_AreServedOneRequestAtATime()
    {
        await using var pty = await SocatPtyPair.StartAsync("rtu-shared");
        var map = new ModbusRegisterMap([1, 2], size: 100);
        map.SetRegisters(ModbusTable.HoldingRegisters, 1, 0, [100]);
        map.SetRegisters(ModbusTable.HoldingRegisters, 2, 0, [200]);
        await using var server = new ModbusRtuServer(new SerialChannel(Port(pty.PathA)), map, TimeSpan.FromMilliseconds(5));
        await server.StartAsync();
        await using var bus = ModbusRtuTransport.OverSerial(Port(pty.PathB), TimeSpan.FromSeconds(1));
        var first = new ModbusClient(bus);
        var second = new ModbusClient(bus);
        var reads = Enumerable.Range(0, 40).Select(async i =>
        {
            byte unit = (byte)(i % 2 + 1);
            var values = await (unit == 1 ? first : second).ReadHoldingRegistersAsync(unit, 0, 1);
            Assert.Equal(unit * 100, values[0]);
        });
        await Task.WhenAll(reads);
        Assert.Equal(0, server.Statistics.BadFrames);
        Assert.Equal(40, server.Statistics.Responses);
    }

    [Fact]
    public async Task RtuOverTcp_WithFaults()
    {
        var map = new ModbusRegisterMap([3], size: 100);
        map.SetRegisters(ModbusTable.InputRegisters, 3, 0, [1, 2, 3, 4]);
        await using var server = new ModbusTcpServer(map, new ModbusServerOptions { Framing = ModbusTcpFraming.Rtu });
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var transport = new ModbusRtuTransport(
            new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = server.LocalEndPoint.Port }),
            new ModbusRtuTransportOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });
        var client = new ModbusClient(transport);
        Assert.Equal(new ushort[] { 1, 2, 3, 4 }, await client.ReadInputRegistersAsync(3, 0, 4));

        server.Faults.BadCrc = true;
        var crc = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadInputRegistersAsync(3, 0, 4).AsTask());
        Assert.Equal(FrameError.BadCrc, crc.Error);
        server.Faults.Clear();
        server.Faults.WrongUnitId = true;
        var unit = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadInputRegistersAsync(3, 0, 4).AsTask());
        Assert.Equal(FrameError.WrongUnitId, unit.Error);
        server.Faults.Clear();
        server.Faults.Silent = true;
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(3, 0, 1).AsTask());
        server.Faults.Clear();
        Assert.Equal(new ushort[] { 4 }, await client.ReadInputRegistersAsync(3, 3, 1));
    }

    [Fact]
    public async Task Server_DropsGarbageAndBadCrc_ThenAnswersTheNextFrame()
    {
        var map = new ModbusRegisterMap([1], size: 10);
        map.SetRegisters(ModbusTable.HoldingRegisters, 1, 0, [42]);
        // A gap long enough that a loaded machine's 1 ms delays between the bytes below never look like the end of a frame.
        await using var server = new ModbusTcpServer(map, new ModbusServerOptions { Framing = ModbusTcpFraming.Rtu, RtuFrameGap = TimeSpan.FromMilliseconds(250) });
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var channel = new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = server.LocalEndPoint.Port });
        await channel.OpenAsync(CancellationToken.None);
        var request = FramingTests.WithCrc(Hex.Bytes("01 03 00 00 00 01 00 00"));
        var corrupted = (byte[])request.Clone();
        corrupted[^1] ^= 0x55;
        await channel.WriteAsync(corrupted, CancellationToken.None);
        await Task.Delay(500);
        // One byte per segment.
        foreach (byte b in request)
        {
            await channel.WriteAsync(new[] { b }, CancellationToken.None);
            await Task.Delay(1);
        }
        var response = new byte[7];
        int received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (received < response.Length) received += await channel.ReadAsync(response.AsMemory(received), Timeout.InfiniteTimeSpan, timeout.Token);
        Assert.Equal(Hex.Of(FramingTests.WithCrc(Hex.Bytes("01 03 02 00 2A 00 00"))), Hex.Of(response));
        Assert.Equal(1, server.Statistics.BadFrames);
    }
}
