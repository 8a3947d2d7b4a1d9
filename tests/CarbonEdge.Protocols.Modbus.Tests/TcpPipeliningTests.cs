using System.Net;
using System.Net.Sockets;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>Several requests in flight on one Modbus TCP connection (MaxInFlight), cancellation and disposal mid-flight.</summary>
public class TcpPipeliningTests
{
    /// <summary>These tests are about matching answers to requests, not time: a loaded machine must not fail them.</summary>
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Pipelined_Reads_OfTheLibmodbusServer_AllGetTheirOwnAnswer()
    {
        await using var server = await LibModbusServer.StartTcpAsync();
        await using var transport = new ModbusTcpTransport("127.0.0.1", server.Port, new ModbusTcpTransportOptions { MaxInFlight = 8, ResponseTimeout = Patient });
        var client = new ModbusClient(transport);
        var reads = Enumerable.Range(0, 200).Select(async i =>
        {
            ushort address = (ushort)(200 + i * 3 % 700); // past 100-101, which hold a float
            var values = await client.ReadInputRegistersAsync(1, address, 5);
            Assert.Equal(Enumerable.Range(address, 5).Select(LibModbusServer.InputRegister), values);
        });
        await Task.WhenAll(reads);
        Assert.Equal(0, transport.StaleResponses);
    }

    [Fact]
    public async Task Pipelined_Reads_OfOurServer_ShareOneConnection()
    {
        var map = new ModbusRegisterMap([1], size: 1000);
        for (ushort i = 0; i < 1000; i++) map.SetRegisters(ModbusTable.HoldingRegisters, 1, i, [(ushort)(i ^ 0x5A5A)]);
        await using var server = new ModbusTcpServer(map);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var transport = new ModbusTcpTransport("127.0.0.1", server.LocalEndPoint.Port, new ModbusTcpTransportOptions { MaxInFlight = 16, ResponseTimeout = Patient });
        var client = new ModbusClient(transport);
        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            ushort address = (ushort)(i % 990);
            Assert.Equal((ushort)(address ^ 0x5A5A), (await client.ReadHoldingRegistersAsync(1, address, 1))[0]);
        }));
        Assert.Equal(1, server.Statistics.Connections);
        Assert.Equal(300, server.Statistics.Responses);
    }

    [Fact]
    public async Task Responses_InAnotherOrder_AreMatchedByTransactionId()
    {
        // A gateway that answers the requests it holds in reverse order.
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var gateway = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            var requests = new byte[3 * 12];
            for (int got = 0; got < requests.Length;) got += await peer.ReceiveAsync(requests.AsMemory(got));
            for (int i = 2; i >= 0; i--)
            {
                var request = requests.AsSpan(12 * i, 12);
                var response = new byte[MbapFraming.MaxAduLength];
                ushort transactionId = (ushort)(request[0] << 8 | request[1]);
                ushort address = (ushort)(request[8] << 8 | request[9]);
                int length = MbapFraming.Encode(response, transactionId, request[6], [0x03, 0x02, 0x00, (byte)address]);
                await peer.SendAsync(response.AsMemory(0, length));
            }
            await peer.ReceiveAsync(new byte[1]); // until the client closes
        });
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        await using (var transport = new ModbusTcpTransport("127.0.0.1", port, new ModbusTcpTransportOptions { MaxInFlight = 3 }))
        {
            var client = new ModbusClient(transport);
            var reads = new[] { 10, 20, 30 }.Select(a => client.ReadHoldingRegistersAsync(1, (ushort)a, 1).AsTask()).ToArray();
            var values = await Task.WhenAll(reads);
            Assert.Equal(new ushort[] { 10, 20, 30 }, values.Select(v => v[0]));
        }
        await gateway;
    }

    [Fact]
    public async Task Cancelling_OneRequest_LeavesTheOthersAndTheConnection()
    {
        var map = new ModbusRegisterMap([1], size: 100);
        map.SetRegisters(ModbusTable.InputRegisters, 1, 0, [7, 8, 9]);
        await using var server = new ModbusTcpServer(map);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var transport = new ModbusTcpTransport("127.0.0.1", server.LocalEndPoint.Port, new ModbusTcpTransportOptions { MaxInFlight = 2 });
        var client = new ModbusClient(transport);
        Assert.Equal(new ushort[] { 7 }, await client.ReadInputRegistersAsync(1, 0, 1));
        server.Faults.ResponseDelay = TimeSpan.FromMilliseconds(300);
        using var cancel = new CancellationTokenSource();
        var cancelled = client.ReadInputRegistersAsync(1, 0, 1, cancel.Token).AsTask();
        var waited = client.ReadInputRegistersAsync(1, 1, 1).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(new ushort[] { 8 }, await waited);
        server.Faults.Clear();
        Assert.Equal(new ushort[] { 9 }, await client.ReadInputRegistersAsync(1, 2, 1));
        Assert.True(transport.IsConnected);
        Assert.Equal(1, server.Statistics.Connections);
    }

    [Fact]
    public async Task Disposing_FailsTheRequestsInFlight()
    {
        var map = new ModbusRegisterMap([1], size: 10);
        await using var server = new ModbusTcpServer(map);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var transport = new ModbusTcpTransport("127.0.0.1", server.LocalEndPoint.Port, new ModbusTcpTransportOptions { MaxInFlight = 4 });
        var client = new ModbusClient(transport);
        await client.ReadInputRegistersAsync(1, 0, 1);
        server.Faults.Silent = true;
        var inFlight = Enumerable.Range(0, 4).Select(_ => client.ReadInputRegistersAsync(1, 0, 1).AsTask()).ToArray();
        await transport.DisposeAsync();
        foreach (var read in inFlight)
        {
            var error = await Assert.ThrowsAsync<ModbusConnectionException>(() => read);
            Assert.Contains("connection closed", error.Message);
        }
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ReadInputRegistersAsync(1, 0, 1).AsTask());
    }
}
