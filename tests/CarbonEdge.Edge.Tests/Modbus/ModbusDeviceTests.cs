using System.Globalization;
using System.Net;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Devices.Modbus;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Modbus;

/// <summary>The gateway's Modbus driver against our Modbus TCP server: decoding, bad blocks, reconnect, back-off.</summary>
public sealed class ModbusDeviceTests : IAsyncLifetime
{
    private readonly ModbusRegisterMap _map = new([1], size: 400);
    private readonly DeviceFactory _factory = new(TimeProvider.System, NullLoggerFactory.Instance);
    private ModbusTcpServer _server = null!;

    public Task InitializeAsync()
    {
        _map.SetValue(ModbusTable.InputRegisters, 1, 0, 231.25, ModbusDataType.Float32, WordOrder.CDAB);
        _map.SetValue(ModbusTable.InputRegisters, 1, 2, 12345.5, ModbusDataType.Float64, WordOrder.ABCD);
        _map.SetValue(ModbusTable.HoldingRegisters, 1, 10, 4998, ModbusDataType.UInt16);
        _map.SetValue(ModbusTable.HoldingRegisters, 1, 300, -12, ModbusDataType.Int16);
        _server = new ModbusTcpServer(_map);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private DeviceOptions Options(params PointOptions[] points) => new()
    {
        Id = "m-101",
        Driver = "modbus-tcp",
        Modbus = new ModbusDeviceOptions
        {
            Host = "127.0.0.1", Port = _server.LocalEndPoint.Port, TimeoutMs = 300, Retries = 1, OfflineAfter = 2, BackoffMs = 200, MaxBackoffMs = 400,
        },
        Points = [.. points],
    };

    private static PointOptions Point(string name, int function, int address, string type, string order = "ABCD", double scale = 1) =>
        new() { Point = name, Function = function, Address = address, Type = type, Order = order, Scale = scale };

    [Fact]
    public async Task Poll_DecodesEveryPoint_InOneReadPerBlock()
    {
        await using var device = _factory.Create(Options(
            Point(Points.PowerActive, 4, 0, "float32", "CDAB"),
            Point(Points.EnergyActiveImport, 4, 2, "float64"),
            Point(Points.Frequency, 3, 10, "uint16", scale: 0.01)));
        var readings = await device.PollAsync(CancellationToken.None);
        Assert.All(readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Equal(new double?[] { 231.25, 12345.5, 49.98 }, readings.Select(r => r.Value is { } v ? Math.Round(v, 6) : (double?)null));
        Assert.Equal(2, ((ModbusDevice)device).Plan.Count);
    }

    [Fact]
    public async Task FailedBlock_MarksOnlyItsPointsBad_WithTheExceptionCode()
    {
        await using var device = _factory.Create(Options(
            Point(Points.PowerActive, 4, 0, "float32", "CDAB"),
            Point("voltage.a", 3, 399, "float32")));
        var readings = await device.PollAsync(CancellationToken.None);
        Assert.Equal(ReadingQuality.Good, readings[0].Quality);
        Assert.Equal((ReadingQuality.Bad, "exception 0x02 (illegal data address)"), (readings[1].Quality, readings[1].Reason));
    }

    [Fact]
    public async Task Timeout_IsRetried_ThenBad_ThenOffline_AndComesBack()
    {
        await using var device = _factory.Create(Options(Point(Points.PowerActive, 4, 0, "float32", "CDAB")));
        var modbus = (ModbusDevice)device;
        _server.Faults.Silent = true;
        var first = await device.PollAsync(CancellationToken.None);
        Assert.Equal((ReadingQuality.Bad, "timeout"), (first[0].Quality, first[0].Reason));
        Assert.Equal(2, modbus.Statistics.Timeouts);
        await device.PollAsync(CancellationToken.None);
        Assert.False(modbus.IsOnline);
        long requests = modbus.Statistics.Requests;
        var backedOff = await device.PollAsync(CancellationToken.None);
        Assert.StartsWith("offline", backedOff[0].Reason);
        Assert.Equal(requests, modbus.Statistics.Requests);
        _server.Faults.Clear();
        await Poll.UntilAsync("the device back after its back-off", TimeSpan.FromSeconds(10),
            async () => (await device.PollAsync(CancellationToken.None))[0].Quality == ReadingQuality.Good);
        Assert.True(modbus.IsOnline);
    }

    [Fact]
    public async Task GarbledResponse_IsCountedAndBad_NotThrown()
    {
        await using var device = _factory.Create(Options(Point(Points.PowerActive, 4, 0, "float32", "CDAB")));
        _server.Faults.WrongUnitId = true;
        var readings = await device.PollAsync(CancellationToken.None);
        Assert.Equal((ReadingQuality.Bad, "bad response (wrong unit id)"), (readings[0].Quality, readings[0].Reason));
        Assert.Equal(2, ((ModbusDevice)device).Statistics.ProtocolErrors);
    }

    [Fact]
    public async Task ServerRestart_DeviceReconnects()
    {
        int port = _server.LocalEndPoint.Port;
        var options = Options(Point(Points.PowerActive, 4, 0, "float32", "CDAB"));
        options.Modbus!.OfflineAfter = 100;
        await using var device = _factory.Create(options);
        Assert.Equal(ReadingQuality.Good, (await device.PollAsync(CancellationToken.None))[0].Quality);
        await _server.StopAsync();
        var down = await device.PollAsync(CancellationToken.None);
        Assert.Equal((ReadingQuality.Bad, "connection failed"), (down[0].Quality, down[0].Reason));
        await using var again = new ModbusTcpServer(_map);
        again.Start(new IPEndPoint(IPAddress.Loopback, port));
        IReadOnlyList<Reading> up = [];
        await Poll.UntilAsync("a good reading after the server restart", TimeSpan.FromSeconds(10), async () =>
        {
            up = await device.PollAsync(CancellationToken.None);
            return up[0].Quality == ReadingQuality.Good;
        });
        Assert.Equal(231.25, up[0].Value);
    }

    [Fact]
    public void OneBasedAddresses_AreShiftedToProtocolAddresses()
    {
        var options = Options(Point("voltage.a", 3, 1, "uint16"));
        options.Modbus!.AddressBase = 1;
        var device = (ModbusDevice)_factory.Create(options);
        Assert.Equal(0, device.Plan[0].StartAddress);
        options.Points[0].Address = 0;
        var error = Assert.Throws<DeviceConfigException>(() => _factory.Create(options));
        Assert.Contains("addressBase 1", error.Message);
    }

    [Theory]
    [InlineData("modbus-foo", "unknown driver 'modbus-foo'")]
    [InlineData("modbus-tcp", "type 'float16'")]
    public void BadConfig_IsAClearError(string driver, string expected)
    {
        var options = Options(Point(Points.PowerActive, 3, 0, "float16"));
        options.Driver = driver;
        var error = Assert.Throws<DeviceConfigException>(() => _factory.Create(options));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("device 'm-101'", error.Message);
    }

    [Fact]
    public async Task ReadCommand_PrintsValuesOnePerLine()
    {
        string port = _server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        var (code, output, _) = await Cedge.RunAsync("read", "modbus-tcp", "--host", "127.0.0.1", "--port", port, "--unit", "1",
            "--address", "0", "--count", "1", "--function", "4", "--type", "float32", "--order", "CDAB");
        Assert.Equal((0, "231.25\n"), (code, output));
        (code, output, _) = await Cedge.RunAsync("read", "modbus-tcp", "--host", "127.0.0.1", "--port", port, "--address", "300", "--type", "int16",
            "--repeat", "20");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("-12", lines[0]);
        Assert.Matches(@"^20 requests, 0 failed, [\d.]+ req/s, p50 [\d.]+ ms, p99 [\d.]+ ms$", lines[1]);
    }

    [Fact]
    public async Task ReadCommand_ReportsDeviceErrorsWithAHint()
    {
        string port = _server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        var (code, _, error) = await Cedge.RunAsync("read", "modbus-tcp", "--host", "127.0.0.1", "--port", port, "--address", "399", "--count", "2");
        Assert.Equal(1, code);
        Assert.Contains("exception 0x02", error);
        Assert.Contains("hint:", error);
    }
}
