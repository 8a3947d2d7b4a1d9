using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>Our client against our server over loopback TCP: every function code, several clients, faults.</summary>
public sealed class TcpLoopbackTests : IAsyncLifetime
{
    private readonly ModbusRegisterMap _map = new([1, 2], size: 1000)
    {
        Identification = new ModbusDeviceIdentification([new(0, "CarbonEdge"), new(1, "SIM-3P"), new(2, "1.0"), new(4, "Simulated meter")]),
    };
    private ModbusTcpServer _server = null!;

    public Task InitializeAsync()
    {
        for (ushort i = 0; i < 1000; i++)
        {
            _map.SetRegisters(ModbusTable.InputRegisters, 1, i, [(ushort)(i * 2)]);
        }
        _map.SetValue(ModbusTable.HoldingRegisters, 1, 100, 230.5, ModbusDataType.Float32, WordOrder.CDAB);
        _server = new ModbusTcpServer(_map);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ModbusTcpTransport Connect(TimeSpan? timeout = null) =>
        new("127.0.0.1", _server.LocalEndPoint.Port, new ModbusTcpTransportOptions { ResponseTimeout = timeout ?? TimeSpan.FromSeconds(2) });

    [Fact]
    public async Task EveryFunctionCode_RoundTrips()
    {
        await using var transport = Connect();
        var client = new ModbusClient(transport);

        Assert.Equal(new ushort[] { 20, 22, 24 }, await client.ReadInputRegistersAsync(1, 10, 3));
        var holding = await client.ReadHoldingRegistersAsync(1, 100, 2);
        Assert.Equal(230.5, ModbusValueCodec.Decode(holding, ModbusDataType.Float32, WordOrder.CDAB));

        await client.WriteSingleRegisterAsync(1, 5, 0xBEEF);
        await client.WriteMultipleRegistersAsync(1, 6, new ushort[] { 1, 2, 3 });
        Assert.Equal(new ushort[] { 0xBEEF, 1, 2, 3 }, await client.ReadHoldingRegistersAsync(1, 5, 4));

        await client.WriteSingleCoilAsync(1, 7, true);
        await client.WriteMultipleCoilsAsync(1, 8, new[] { true, false, true });
        Assert.Equal(new[] { false, true, true, false, true }, await client.ReadCoilsAsync(1, 6, 5));

        _map.SetBits(ModbusTable.DiscreteInputs, 1, 3, [true, true]);
        Assert.Equal(new[] { false, true, true }, await client.ReadDiscreteInputsAsync(1, 2, 3));

        var read = await client.ReadWriteMultipleRegistersAsync(1, 20, 2, 20, new ushort[] { 9, 8 });
        Assert.Equal(new ushort[] { 9, 8 }, read);

        var identification = await client.ReadDeviceIdentificationAsync(1, ReadDeviceIdCode.Regular);
        Assert.Equal(("CarbonEdge", "SIM-3P", "1.0", "Simulated meter"),
            (identification.VendorName, identification.ProductCode, identification.MajorMinorRevision, identification.ProductName));
        var one = await client.ReadDeviceIdentificationAsync(1, ReadDeviceIdCode.Specific, 4);
        Assert.Equal("Simulated meter", Assert.Single(one.Objects).Value);
    }

    [Fact]
    public async Task ServerExceptions_AreTyped()
    {
        await using var transport = Connect();
        var client = new ModbusClient(transport);
        var error = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadHoldingRegistersAsync(1, 999, 2).AsTask());
        Assert.Equal((ModbusExceptionCode.IllegalDataAddress, ModbusFunctionCode.ReadHoldingRegisters), (error.ExceptionCode, error.Function));
        var missing = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadDeviceIdentificationAsync(1, ReadDeviceIdCode.Specific, 0x42).AsTask());
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, missing.ExceptionCode);
        // The connection stays usable after an exception.
        Assert.Equal(new ushort[] { 0 }, await client.ReadInputRegistersAsync(1, 0, 1));
    }

    [Fact]
    public async Task UnknownUnit_GetsNoAnswer_AndTimesOut()
    {
        await using var transport = Connect(TimeSpan.FromMilliseconds(200));
        var client = new ModbusClient(transport);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(9, 0, 1).AsTask());
        Assert.Equal(new ushort[] { 2 }, await client.ReadInputRegistersAsync(1, 1, 1));
    }

    [Fact]
    public async Task SeveralClients_AreServedAtOnce()
    {
        var transports = Enumerable.Range(0, 8).Select(_ => Connect()).ToArray();
        try
        {
            var reads = transports.Select(async (transport, n) =>
            {
                var client = new ModbusClient(transport);
                for (int i = 0; i < 50; i++)
                {
                    ushort address = (ushort)((n * 50 + i) % 990);
                    var values = await client.ReadInputRegistersAsync(1, address, 3);
                    Assert.Equal((ushort)(address * 2), values[0]);
                }
            });
            await Task.WhenAll(reads);
            Assert.True(_server.Statistics.Connections >= 8);
        }
        finally
        {
            foreach (var transport in transports) await transport.DisposeAsync();
        }
    }

    [Fact]
    public async Task Faults_WrongUnitAndExceptionAndSilence_AreTypedErrors()
    {
        await using var transport = Connect(TimeSpan.FromMilliseconds(300));
        var client = new ModbusClient(transport);
        _server.Faults.WrongUnitId = true;
        var wrongUnit = await Assert.ThrowsAsync<ModbusProtocolException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
        Assert.Equal(FrameError.WrongUnitId, wrongUnit.Error);
        _server.Faults.Clear();
        _server.Faults.ExceptionCode = ModbusExceptionCode.ServerDeviceBusy;
        var busy = await Assert.ThrowsAsync<ModbusServerException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, busy.ExceptionCode);
        _server.Faults.Clear();
        _server.Faults.Silent = true;
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
        _server.Faults.Clear();
        Assert.Equal(new ushort[] { 4 }, await client.ReadInputRegistersAsync(1, 2, 1));
    }

    [Fact]
    public async Task LateResponse_AfterATimeout_IsSkippedByTransactionId()
    {
        await using var transport = Connect(TimeSpan.FromMilliseconds(100));
        var client = new ModbusClient(transport);
        _server.Faults.ResponseDelay = TimeSpan.FromMilliseconds(250);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadInputRegistersAsync(1, 7, 1).AsTask());
        _server.Faults.Clear();
        await Task.Delay(300);
        Assert.Equal(new ushort[] { 16 }, await client.ReadInputRegistersAsync(1, 8, 1));
        Assert.Equal(1, transport.StaleResponses);
    }

    [Fact]
    public async Task DribbledResponse_OneBytePerSegment_IsReassembled()
    {
        await using var transport = Connect();
        var client = new ModbusClient(transport);
        _server.Faults.DribbleDelay = TimeSpan.FromMilliseconds(2);
        Assert.Equal(new ushort[] { 40, 42, 44, 46 }, await client.ReadInputRegistersAsync(1, 20, 4));
    }

    [Fact]
    public async Task ServerRestart_ClientReconnects()
    {
        int port = _server.LocalEndPoint.Port;
        await using var transport = new ModbusTcpTransport(
            new TcpChannelOptions { Host = "127.0.0.1", Port = port, ReconnectDelay = TimeSpan.FromMilliseconds(20) });
        var client = new ModbusClient(transport);
        Assert.Equal(new ushort[] { 0 }, await client.ReadInputRegistersAsync(1, 0, 1));
        await _server.StopAsync();
        await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
        await using var again = new ModbusTcpServer(_map);
        again.Start(new IPEndPoint(IPAddress.Loopback, port));
        ushort[] read = [];
        await CarbonEdge.Testing.Poll.UntilAsync("a read after the reconnect delay", TimeSpan.FromSeconds(10), async () =>
        {
            try
            {
                read = await client.ReadInputRegistersAsync(1, 1, 1);
                return true;
            }
            catch (ModbusConnectionException)
            {
                return false; // still inside the reconnect delay
            }
        });
        Assert.Equal(new ushort[] { 2 }, read);
    }

    [Fact]
    public async Task ConnectRefused_IsAConnectionError_AndBacksOff()
    {
        int port = CarbonEdge.Testing.FreePort.Next();
        await using var transport = new ModbusTcpTransport(
            new TcpChannelOptions { Host = "127.0.0.1", Port = port, ReconnectDelay = TimeSpan.FromSeconds(10) });
        var client = new ModbusClient(transport);
        var first = await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
        Assert.Contains("ConnectionRefused", first.Message);
        var second = await Assert.ThrowsAsync<ModbusConnectionException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
        Assert.Contains("next attempt in", second.Message);
    }

    [Fact]
    public async Task BadArguments_FailBeforeSending()
    {
        await using var transport = Connect();
        var client = new ModbusClient(transport);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ReadHoldingRegistersAsync(1, 0, 126).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ReadHoldingRegistersAsync(1, 65535, 2).AsTask());
        Assert.Equal(0, _server.Statistics.Requests);
    }
}
