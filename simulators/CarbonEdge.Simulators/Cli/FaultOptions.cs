using System.CommandLine;
using System.Globalization;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// The fault-injection options of the <c>meter modbus-*</c> commands, mapped onto <see cref="ModbusServerFaults"/>: a
/// simulated meter that is slow, silent, answers as another unit, garbles its CRC, answers an exception code or dribbles
/// its response byte by byte, for all requests or a random fraction of them (as libmodbus's test server misbehaves).
/// </summary>
internal sealed class FaultOptions
{
    public Option<int> DelayMs { get; } = new("--delay-ms") { Description = "Wait this many ms before each answer" };
    public Option<bool> Silent { get; } = new("--silent") { Description = "Do not answer at all (clients time out)" };
    public Option<bool> WrongUnit { get; } = new("--wrong-unit") { Description = "Answer with unit id + 1" };
    public Option<bool> BadCrc { get; } = new("--bad-crc") { Description = "Send answers with a corrupted CRC (RTU framings only)" };
    public Option<string?> Exception { get; } = new("--exception") { Description = "Answer every request with this exception code, 1-255 (e.g. 2, 6 or 0x0B)" };
    public Option<int> DribbleMs { get; } = new("--dribble-ms") { Description = "Send answers one byte at a time, this many ms apart" };
    public Option<double> Rate { get; } = new("--fault-rate") { Description = "Fraction of requests the faults above apply to, 0-1 (default 1: all)", DefaultValueFactory = _ => 1.0 };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { DelayMs, Silent, WrongUnit, BadCrc, Exception, DribbleMs, Rate }) command.Options.Add(option);
    }

    /// <summary>
    /// The faults the options ask for; null with <paramref name="problem"/> set when one is out of range, or when
    /// <c>--bad-crc</c> is asked of a framing without a CRC (<paramref name="hasCrc"/> false: Modbus TCP).
    /// </summary>
    public ModbusServerFaults? Create(ParseResult result, bool hasCrc, out string? problem)
    {
        problem = null;
        int delay = result.GetValue(DelayMs), dribble = result.GetValue(DribbleMs);
        double rate = result.GetValue(Rate);
        var code = ModbusExceptionCode.None;
        if (delay < 0 || dribble < 0) problem = "--delay-ms and --dribble-ms must be 0 or more";
        else if (rate is < 0 or > 1 || double.IsNaN(rate)) problem = $"--fault-rate must be 0-1, got {rate.ToString(CultureInfo.InvariantCulture)}";
        else if (result.GetValue(BadCrc) && !hasCrc) problem = "--bad-crc needs a CRC, and Modbus TCP frames have none: use modbus-rtutcp or modbus-rtu";
        else if (result.GetValue(Exception) is { } text && !TryParseCode(text, out code)) problem = $"--exception '{text}' is not a code 1-255 (decimal, or hex with 0x)";
        if (problem is not null) return null;
        return new ModbusServerFaults
        {
            ResponseDelay = TimeSpan.FromMilliseconds(delay),
            Silent = result.GetValue(Silent),
            WrongUnitId = result.GetValue(WrongUnit),
            BadCrc = result.GetValue(BadCrc),
            ExceptionCode = code,
            DribbleDelay = TimeSpan.FromMilliseconds(dribble),
            Rate = rate,
        };
    }

    /// <summary>The switched-on faults for the start-up line, e.g. <c>delay 200 ms, exception 0x06, rate 0.1</c>; "none" when off.</summary>
    public static string Describe(ModbusServerFaults faults)
    {
        var parts = new List<string>();
        if (faults.ResponseDelay > TimeSpan.Zero) parts.Add($"delay {faults.ResponseDelay.TotalMilliseconds:0} ms");
        if (faults.Silent) parts.Add("silent");
        if (faults.WrongUnitId) parts.Add("wrong unit id");
        if (faults.BadCrc) parts.Add("bad CRC");
        if (faults.ExceptionCode != ModbusExceptionCode.None)
        {
            parts.Add($"exception 0x{(byte)faults.ExceptionCode:X2} ({ModbusExceptionCodes.Describe(faults.ExceptionCode)})");
        }
        if (faults.DribbleDelay > TimeSpan.Zero) parts.Add($"dribble {faults.DribbleDelay.TotalMilliseconds:0} ms/byte");
        if (parts.Count == 0) return "none";
        if (faults.Rate < 1) parts.Add(string.Create(CultureInfo.InvariantCulture, $"on {faults.Rate:P0} of requests"));
        return string.Join(", ", parts);
    }

    private static bool TryParseCode(string text, out ModbusExceptionCode code)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        bool parsed = hex
            ? byte.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value)
            : byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        code = (ModbusExceptionCode)value;
        return parsed && value != 0;
    }
}
