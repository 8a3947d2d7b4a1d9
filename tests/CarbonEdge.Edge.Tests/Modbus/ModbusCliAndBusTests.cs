using System.Globalization;
using System.Net;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Modbus;

/// <summary>scan, probe-order and RTU reads from the command line; serial devices sharing one bus.</summary>
public class ModbusCliAndBusTests
{
    private static ModbusRegisterMap Map()
    {
        var map = new ModbusRegisterMap([1, 7], size: 100);
        map.SetValue(ModbusTable.HoldingRegisters, 7, 10, 231.25, ModbusDataType.Float32, WordOrder.CDAB);
        map.SetValue(ModbusTable.InputRegisters, 1, 0, 1500, ModbusDataType.UInt32);
        return map;
    }

    [Fact]
    public async Task Scan_ListsTheUnitsThatAnswer()
    {
        await using var server = new ModbusTcpServer(Map());
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var (code, output, _) = await Cedge.RunAsync("scan", "modbus-tcp", "--host", "127.0.0.1", "--port",
            server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), "--units", "1,2,7", "--timeout", "700");
        Assert.Equal(0, code);
        Assert.Contains("2 of 3 unit ids answer", output);
    }

    [Fact]
    public async Task ProbeOrder_FindsTheWordOrder()
    {
        await using var server = new ModbusTcpServer(Map(), new ModbusServerOptions { Framing = ModbusTcpFraming.Rtu });
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var (code, output, _) = await Cedge.RunAsync("probe-order", "modbus-rtutcp", "--host", "127.0.0.1", "--port",
            server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), "--unit", "7", "--address", "10", "--expect", "230", "--timeout", "5000");
        Assert.Equal(0, code);
        Assert.Contains("order: CDAB", output);
    }

    [Fact]
    public async Task ReadRtu_OverAPty()
    {
        await using var pty = await SocatPtyPair.StartAsync("cli-rtu");
        var port = new SerialPortOptions { Path = pty.PathA };
        await using var server = new ModbusRtuServer(new SerialChannel(port), Map(), port.FrameGap);
        await server.StartAsync();
        var (code, output, error) = await Cedge.RunAsync("read", "modbus-rtu", "--port", pty.PathB, "--baud", "9600", "--parity", "N", "--stop", "1",
            "--unit", "1", "--function", "4", "--address", "0", "--type", "uint32");
        Assert.True(code == 0, error);
        Assert.Equal("1500\n", output);
        (code, _, error) = await Cedge.RunAsync("read", "modbus-rtu", "--port", pty.PathB, "--parity", "E", "--address", "0");
        Assert.Equal(1, code);
        Assert.True(error.Contains("parity"), error);
    }

    [Fact]
    public async Task SerialDevicesOnOnePort_ShareOneBus()
    {
        await using var pty = await SocatPtyPair.StartAsync("shared-bus");
        var port = new SerialPortOptions { Path = pty.PathA };
        await using var server = new ModbusRtuServer(new SerialChannel(port), Map(), port.FrameGap);
        await server.StartAsync();
        var factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance);
        DeviceOptions Device(string id, int unit, int function, int address, string order) => new()
        {
            Id = id, Driver = "modbus-rtu",
            Modbus = new ModbusDeviceOptions { SerialPort = pty.PathB, UnitId = unit, Parity = "N", TimeoutMs = 500 },
            Points = [new PointOptions { Point = Points.PowerActive, Function = function, Address = address, Type = "float32", Order = order }],
        };
        await using var a = factory.Create(Device("m-1", 7, 3, 10, "CDAB"));
        await using var b = factory.Create(Device("m-2", 7, 3, 10, "CDAB"));
        var polls = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).PollAsync(CancellationToken.None).AsTask()));
        Assert.All(polls, p => Assert.Equal(231.25, p[0].Value));
        Assert.Equal(0, server.Statistics.BadFrames);

        var other = Device("m-3", 1, 4, 0, "ABCD");
        other.Modbus!.Baud = 19200;
        var error = Assert.Throws<DeviceConfigException>(() => factory.Create(other));
        Assert.Contains("same line settings", error.Message);
    }
}
