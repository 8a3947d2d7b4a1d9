using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Cems;
using CarbonEdge.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Cems;

/// <summary>
/// <c>cedge-sim cems modbus-tcp</c> run as a process, read over TCP by the gateway's Modbus driver configured with the
/// documented CEMS profile (docs/cems-modbus.md, the same points as the simulator's map) and by <c>cedge read modbus-tcp</c>: both get the stack model's values of that minute.
/// </summary>
public class CemsModbusProfileTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>
    /// The device of docs/cems-modbus.md's gateway config, bound as <c>cedge run</c> binds its file, pointed at the
    /// simulator: the documented points are the ones tested.
    /// </summary>
    private static DeviceOptions DocumentedDevice(int port)
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "cems-modbus.md"));
        int start = doc.IndexOf("```json", doc.IndexOf("## Gateway config", StringComparison.Ordinal), StringComparison.Ordinal) + "```json".Length;
        string json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var device = new DeviceOptions();
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().Bind(device);
        device.Modbus!.Host = "127.0.0.1";
        device.Modbus.Port = port;
        device.Modbus.UnitId = 5;
        device.Modbus.TimeoutMs = 2000;
        return device;
    }

    /// <summary>The model's states of the minutes an operation that ran from <paramref name="before"/> to now may have seen.</summary>
    private static StackState[] Candidates(DateTimeOffset before)
    {
        var model = new StackModel();
        return [model.At(CemsDataStore.MinuteOf(before, Zone)), model.At(CemsDataStore.MinuteOf(DateTimeOffset.UtcNow, Zone))];
    }

    /// <summary>True when every value is the one of <paramref name="state"/> for its point, to float32 precision.</summary>
    private static bool Matches(StackState state, IEnumerable<(string Point, double Value)> values) =>
        values.All(v => Math.Abs(CemsRegisters.Map.Single(r => r.Point == v.Point).Value(state) - v.Value) <= 1e-6 * Math.Max(1, Math.Abs(v.Value)));

    [Fact]
    public async Task GatewayDriverAndCedgeRead_GetTheStackModelsValues()
    {
        int port = FreePort.Next();
        var folder = RunFolder.Create("cems-modbus");
        await using var sim = ExternalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "cems", "modbus-tcp", "--listen", $"127.0.0.1:{port}", "--unit-id", "5"],
            folder.File("cedge-sim.log"));
        await sim.WaitForLogAsync(" serving ", TimeSpan.FromSeconds(60));

        var documented = DocumentedDevice(port);
        Assert.Equal(CemsRegisters.Map.Select(r => (r.Point, 3, (int)r.Address, "float32", "CDAB")),
            documented.Points.Select(p => (p.Point, p.Function, p.Address, p.Type, p.Order)));
        await using (var device = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance).Create(documented))
        {
            var before = DateTimeOffset.UtcNow;
            var readings = await device.PollAsync(CancellationToken.None);
            Assert.All(readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
            Assert.Equal(CemsRegisters.Map.Select(r => r.Point), readings.Select(r => r.Point));
            Assert.All(readings, r => Assert.True(Points.TryGet(r.Point, out _), r.Point));
            Assert.Contains(Candidates(before), s => Matches(s, readings.Select(r => (r.Point, r.Value!.Value))));
        }

        var started = DateTimeOffset.UtcNow;
        var (code, output, error) = await Cedge.RunAsync("read", "modbus-tcp", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--unit", "5", "--function", "3", "--address", "0", "--count", "3", "--type", "float32", "--order", "CDAB");
        Assert.True(code == 0, error);
        var printed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, printed.Length);
        Assert.Contains(Candidates(started), s => Matches(s, [("cems.co2", printed[0]), ("cems.o2", printed[1]), ("cems.flow", printed[2])]));
        Assert.InRange(printed[0], 5, 12); // %vol CO2 of natural-gas flue gas, not a word-order accident

        (code, _, error) = await Cedge.RunAsync("read", "modbus-tcp", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--unit", "5", "--function", "4", "--address", "0", "--count", "1");
        Assert.Equal(1, code);
        Assert.Contains("exception 0x01", error);
    }

    [Theory]
    [InlineData("no-port", 2, "is not HOST:PORT")]
    [InlineData("taken", 1, "cannot listen on")]
    public async Task BadListenAddress_IsAClearError(string listen, int exitCode, string expected)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        string address = listen == "taken" ? $"127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}" : "127.0.0.1";
        var folder = RunFolder.Create("cems-modbus-bad");
        await using var sim = ExternalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "cems", "modbus-tcp", "--listen", address], folder.File("cedge-sim.log"));
        Assert.Equal(exitCode, await sim.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await Poll.UntilAsync($"'{expected}' in the log", TimeSpan.FromSeconds(10), () => sim.ReadLog().Contains(expected, StringComparison.Ordinal));
    }
}
