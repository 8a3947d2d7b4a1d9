using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Modbus;
using CarbonEdge.Firmware.Core.Schedule;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Firmware.Tests;

/// <summary>The configuration file format, the point catalog against the contract's, and the aligned schedule.</summary>
public sealed class ConfigParserTests
{
    [Fact]
    public void Parses_meters_points_and_board_settings()
    {
        Assert.True(ConfigParser.TryParse(TerminalFixture.Config + "\nserial.port /dev/ttyS1  # RS-485\ngpio.de 17\nmqtt.port 1884\n",
            out var config, out string error), error);
        Assert.Equal(("plant-01", "term-01", 60, "/dev/ttyS1", 17, 1884), (config.Site, config.Terminal, config.IntervalSeconds,
            config.SerialPort, config.DePin, config.MqttPort));
        Assert.Equal(2, config.Meters.Length);
        var power = config.Meters[0].Points[1];
        Assert.Equal((ModbusRtuMaster.ReadHoldingRegisters, 2, RegisterType.Float32, 0.001), (power.Function, power.Register, power.Type, power.Scale));
        Assert.Equal(new byte[] { 0x45, 0x23, 0x01, 0, 0, 0 }, config.Meters[1].Address);
        Assert.Equal((0x02010100u, 2, 1), (config.Meters[1].Points[1].DataIdentifier, config.Meters[1].Points[1].BcdLength, config.Meters[1].Points[1].Decimals));
    }

    [Theory]
    [InlineData("interval 7", "line 3: ", "interval must divide a day")]
    [InlineData("point energy.total holding 0 float32", "line 6: ", "not an electrical point")]
    [InlineData("meter M1 modbus 1", "line 6: ", "[a-z0-9-]")]
    [InlineData("meter m-9 modbus 300", "line 6: ", "1..247")]
    [InlineData("colour blue", "line 6: ", "unknown setting 'colour'")]
    public void Errors_name_the_line_and_what_to_fix(string line, string where, string what)
    {
        string text = TerminalFixture.Config.Replace("interval 60", line.StartsWith("interval") ? line : "interval 60")
            .Replace("meter m-1 modbus 1\n", line.StartsWith("interval") ? "meter m-1 modbus 1\n" : "meter m-1 modbus 1\n" + line + "\n");
        Assert.False(ConfigParser.TryParse(text, out _, out string error));
        Assert.Contains(what, error);
        if (!line.StartsWith("interval"))
            Assert.StartsWith(where, error);
        else
            Assert.DoesNotContain("line", error);
    }

    [Fact]
    public void Point_catalog_matches_the_contract_s()
    {
        for (int i = 0; i < PointCatalog.Count; i++)
        {
            Assert.True(Points.TryGet(PointCatalog.Name(i), out var point), PointCatalog.Name(i));
            Assert.Equal(point.Unit, PointCatalog.Unit(i));
            Assert.Equal(point.IsCumulative, PointCatalog.IsEnergy(i));
        }
    }

    [Theory]
    [InlineData("2026-11-22T00:00:30.000Z", 60, "2026-11-22T00:01:00.000Z")]
    [InlineData("2026-11-22T00:01:00.000Z", 60, "2026-11-22T00:02:00.000Z")]
    [InlineData("2026-11-22T10:07:12.000Z", 900, "2026-11-22T10:15:00.000Z")]
    [InlineData("2026-11-22T23:59:59.999Z", 3600, "2026-11-23T00:00:00.000Z")]
    public void Polls_are_aligned_to_the_wall_clock(string now, int interval, string next)
    {
        long ms = DateTimeOffset.Parse(now).ToUnixTimeMilliseconds();
        Assert.Equal(DateTimeOffset.Parse(next).ToUnixTimeMilliseconds(), PollSchedule.Next(ms, interval));
        Assert.True(PollSchedule.IsStale(ms + 2 * interval * 1000L, ms, interval));
    }
}
