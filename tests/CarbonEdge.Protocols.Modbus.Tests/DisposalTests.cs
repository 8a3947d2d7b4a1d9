using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>
/// Code after an awaited exchange runs on the connection's receive thread. When that code waits synchronously for a
/// disposal running on another thread (as <c>IHost.Dispose()</c> does with a gateway's devices), disposing must not
/// wait for the receive thread, or both wait for ever.
/// </summary>
public class DisposalTests
{
    private static ModbusRegisterMap Map()
    {
        var map = new ModbusRegisterMap([1], size: 10);
        map.SetRegisters(ModbusTable.InputRegisters, 1, 0, [7]);
        return map;
    }

    /// <summary>Reads once, then, in the continuation, disposes on another thread and waits; true when that ended in time.</summary>
    private static async Task<bool> DisposeFromTheContinuationAsync(IModbusTransport transport)
    {
        var client = new ModbusClient(transport);
        var disposed = await client.ReadInputRegistersAsync(1, 0, 1).AsTask().ContinueWith(read =>
        {
            Assert.Equal(new ushort[] { 7 }, read.Result);
            return Task.Run(() => transport.DisposeAsync().AsTask()).Wait(TimeSpan.FromSeconds(5));
        }, TaskContinuationOptions.ExecuteSynchronously);
        return disposed;
    }

    [Fact]
    public async Task ModbusTcp_DisposedWhileItsThreadWaitsForTheDisposal_DoesNotDeadlock()
    {
        await using var server = new ModbusTcpServer(Map());
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var transport = new ModbusTcpTransport("127.0.0.1", server.LocalEndPoint.Port);
        Assert.True(await DisposeFromTheContinuationAsync(transport), "disposal waited for the thread that waited for it");
    }

    [Fact]
    public async Task RtuOverTcp_DisposedWhileItsThreadWaitsForTheDisposal_DoesNotDeadlock()
    {
        await using var server = new ModbusTcpServer(Map(), new ModbusServerOptions { Framing = ModbusTcpFraming.Rtu });
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var transport = new ModbusRtuTransport(new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = server.LocalEndPoint.Port }));
        Assert.True(await DisposeFromTheContinuationAsync(transport), "disposal waited for the thread that waited for it");
    }
}
