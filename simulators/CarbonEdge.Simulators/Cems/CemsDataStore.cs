using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Cems;

/// <summary>
/// Serves one simulated stack's analyzer over Modbus as unit <paramref name="servedUnit"/>: the <see cref="StackModel"/> state of the minute the request
/// arrives in (station local time of <paramref name="timeZone"/>, simulated by <paramref name="clock"/>), encoded
/// with <see cref="CemsRegisters"/>. Holding registers only; reading outside the map answers exception 02 (illegal
/// data address), input registers and writes answer 01 (illegal function). Thread-safe (the model is pure).
/// </summary>
internal sealed class CemsDataStore(byte servedUnit, SimulationClock clock, TimeZoneInfo timeZone) : IModbusDataStore
{
    private readonly StackModel _stack = new();
    private long _reads;

    /// <summary>Register reads answered.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>The state served now.</summary>
    public StackState Now => _stack.At(MinuteOf(clock.Now, timeZone));

    /// <summary>The minute (station local time) <paramref name="instant"/> falls in: the model's time step.</summary>
    public static DateTime MinuteOf(DateTimeOffset instant, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, timeZone).DateTime;
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
    }

    public bool HasUnit(byte unitId) => unitId == servedUnit;

    public ModbusExceptionCode ReadHoldingRegisters(byte unitId, ushort startAddress, Span<ushort> destination)
    {
        if (startAddress + destination.Length > CemsRegisters.Size) return ModbusExceptionCode.IllegalDataAddress;
        Span<ushort> all = stackalloc ushort[CemsRegisters.Size];
        CemsRegisters.Encode(Now, all);
        all.Slice(startAddress, destination.Length).CopyTo(destination);
        Interlocked.Increment(ref _reads);
        return ModbusExceptionCode.None;
    }

    public ModbusExceptionCode ReadInputRegisters(byte unitId, ushort startAddress, Span<ushort> destination) => ModbusExceptionCode.IllegalFunction;
}
