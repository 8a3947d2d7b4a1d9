using CarbonEdge.Firmware.Core;
using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Modbus;
using CarbonEdge.Firmware.Core.Time;
using CarbonEdge.Firmware.Tests.Bus;
using CarbonEdge.Firmware.Tests.Doubles;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;

namespace CarbonEdge.Firmware.Tests;

/// <summary>
/// A terminal with two meters, m-1 (Modbus RTU, unit 1, served by the Modbus library's request processor) and
/// m-2 (DL/T 645 address 000000012345, canned replies), on a scripted line, a simulated flash, a manual clock and a
/// recording uplink. Replies are computed once per distinct request, so a poll allocates nothing in the double.
/// </summary>
internal sealed class TerminalFixture
{
    public const string Config = """
        site plant-01
        terminal term-01
        interval 60
        batch 50
        meter m-1 modbus 1
        point energy.active.import holding 0 float32
        point power.active holding 2 float32 scale 0.001
        point voltage.a input 10 uint16 scale 0.1
        meter m-2 dlt645 000000012345
        point energy.active.import 00010000 4 2
        point voltage.a 02010100 2 1
        """;

    public static readonly long Start = new DateTimeOffset(2026, 11, 22, 0, 0, 30, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public TerminalFixture(int pages = 16, bool answer = true, IRealTimeClock? rtc = null, ISntpChannel? sntp = null)
    {
        Assert.True(ConfigParser.TryParse(Config, out var config, out string error), error);
        TerminalConfig = config;
        Map.SetValue(ModbusTable.HoldingRegisters, 1, 0, 123456.5, ModbusDataType.Float32);
        Map.SetValue(ModbusTable.HoldingRegisters, 1, 2, 1500, ModbusDataType.Float32);
        Map.SetValue(ModbusTable.InputRegisters, 1, 10, 2301, ModbusDataType.UInt16);
        Answer = answer;
        Line = new ScriptedLine(Reply);
        Flash = new SimulatedFlash(4096, pages);
        Terminal = new Terminal(config, Line, Flash, Clock, rtc, sntp, Uplink, Clock, "0.1.0-test");
        Terminal.Boot();
    }

    public ModbusRegisterMap Map { get; } = new([1], 0x100);

    public bool Answer { get; set; }

    public TerminalConfig TerminalConfig { get; }

    public ScriptedLine Line { get; }

    public SimulatedFlash Flash { get; }

    public ManualClock Clock { get; } = new(Start);

    public RecordingUplink Uplink { get; } = new();

    public Terminal Terminal { get; }

    /// <summary>Advances the clock to the next poll and turns until the buffer is sent.</summary>
    public void NextPoll()
    {
        Clock.Now = (Clock.Now / 60_000 + 1) * 60_000 + 250;
        while (Terminal.Turn() == 0) { }
    }

    private byte[]? Reply(byte[] request)
    {
        if (!Answer)
            return null;
        return request[0] == 0xFE ? Dlt645Reply(request) : ModbusDifferentialTests.Serve(Map, request);
    }

    private static byte[] Dlt645Reply(byte[] request) =>
        // DI bytes are at 14..17 of a request with its 4-byte preamble.
        request[14..18].SequenceEqual(new byte[] { 0x33, 0x33, 0x34, 0x33 })
            ? Convert.FromHexString("FEFE6845230100000068910833333433AB8967457F16")
            : Convert.FromHexString("684523010000006891063334343534552916");
}
