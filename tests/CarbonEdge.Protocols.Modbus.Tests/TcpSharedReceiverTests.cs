using System.Net;
using System.Net.Sockets;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>
/// Every Modbus TCP connection of the process receives on one thread (epoll): many devices cost one thread, each answer
/// reaches its own connection, and each connection's deadlines hold whatever the others wait for.
/// </summary>
public class TcpSharedReceiverTests
{
    [Fact]
    public async Task ThirtyConnections_EachGetTheirOwnAnswers_OnOneReceiveThread()
    {
        var map = new ModbusRegisterMap([1], size: 100);
        for (ushort i = 0; i < 30; i++) map.SetRegisters(ModbusTable.HoldingRegisters, 1, i, [(ushort)(1000 + i)]);
        await using var server = new ModbusTcpServer(map);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var transports = Enumerable.Range(0, 30).Select(_ => new ModbusTcpTransport("127.0.0.1", server.LocalEndPoint.Port)).ToList();
        try
        {
            var values = await Task.WhenAll(transports.Select(async (transport, i) =>
            {
                var client = new ModbusClient(transport);
                var first = await client.ReadHoldingRegistersAsync(1, (ushort)i, 1);
                var second = await client.ReadHoldingRegistersAsync(1, (ushort)i, 1);
                return (First: first[0], Second: second[0]);
            }));
            Assert.Equal(Enumerable.Range(1000, 30).Select(v => ((ushort)v, (ushort)v)), values);
            Assert.All(transports, t => Assert.True(t.IsConnected));
            // Linux keeps 15 characters of a thread's name: "modbus tcp rece" (the receiver), "modbus tcp conn" (a connect, exits once connected)
            var modbusThreads = Directory.GetDirectories("/proc/self/task").Select(ThreadName)
                .Where(name => name.StartsWith("modbus tcp", StringComparison.Ordinal) && name != "modbus tcp conn").ToList();
            Assert.Equal(["modbus tcp rece"], modbusThreads);
        }
        finally
        {
            foreach (var transport in transports) await transport.DisposeAsync();
        }
    }

    /// <summary>The name of the thread behind <paramref name="task"/> (/proc/self/task/TID), or "" when it exited since it was listed.</summary>
    private static string ThreadName(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).Trim();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            return "";
        }
    }

    [Fact]
    public async Task AShortTimeout_Fires_WhileAnotherConnectionsLongerOneStillWaits()
    {
        using var silent = new Socket(SocketType.Stream, ProtocolType.Tcp); // reads requests and never answers
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen();
        int port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        await using var patient = new ModbusTcpTransport("127.0.0.1", port, new ModbusTcpTransportOptions { ResponseTimeout = TimeSpan.FromSeconds(30) });
        await using var hasty = new ModbusTcpTransport("127.0.0.1", port, new ModbusTcpTransportOptions { ResponseTimeout = TimeSpan.FromMilliseconds(300) });

        var waiting = new ModbusClient(patient).ReadHoldingRegistersAsync(1, 0, 1).AsTask();
        using var accepted = await silent.AcceptAsync();
        Assert.Equal(12, await accepted.ReceiveAsync(new byte[64])); // the request is out: the receiver waits for its 30 s deadline
        // at its own deadline, not at the other connection's (a receiver that slept until then would take 30 s)
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => new ModbusClient(hasty).ReadHoldingRegistersAsync(1, 0, 1).AsTask().WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.False(waiting.IsCompleted);
        await patient.DisposeAsync();
        await Assert.ThrowsAsync<ModbusConnectionException>(() => waiting);
    }
}
