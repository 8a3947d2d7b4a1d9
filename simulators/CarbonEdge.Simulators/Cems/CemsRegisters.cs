using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Simulators.Cems;

/// <summary>One float32 holding register pair of the CEMS analyzer profile.</summary>
/// <param name="Address">0-based protocol address of the first of its two registers (function 03).</param>
/// <param name="Point">Telemetry point the value is, in the point's unit (<see cref="Points"/>).</param>
/// <param name="Value">The value from the stack's state, in the point's unit.</param>
internal sealed record CemsRegister(ushort Address, string Point, Func<StackState, double> Value);

/// <summary>
/// The CarbonEdge CEMS analyzer profile (docs/cems-modbus.md): the stack's CO2, O2, flows, temperature, pressure and
/// moisture as float32 holding registers (function 03), word order <see cref="WordOrder.CDAB"/> (low word first, each
/// word big-endian), the order the published CEMS data-logger drivers of Yimning/Daily-Code
/// (protocol/rtuacq_protocol_cems_SaiMoFei1_43i.c, commit 0261892a) decode. The addresses are ours: no published map
/// covering these quantities was found.
/// </summary>
internal static class CemsRegisters
{
    /// <summary>Word order of every float of the profile.</summary>
    public const WordOrder Order = WordOrder.CDAB;

    /// <summary>Every register pair of the profile, by address.</summary>
    public static readonly IReadOnlyList<CemsRegister> Map =
    [
        new(0, "cems.co2", s => s.Co2PercentDry),
        new(2, "cems.o2", s => s.O2PercentDry),
        new(4, "cems.flow", s => s.FlowActualM3PerHour),
        new(6, "cems.flow.std_dry", s => s.FlowStdDryM3PerHour),
        new(8, "cems.temperature", s => s.TemperatureC),
        new(10, "cems.pressure", s => s.PressureKPa),
        new(12, "cems.humidity", s => s.MoisturePercent),
        new(14, "cems.velocity", s => s.VelocityMPerS),
    ];

    /// <summary>Holding registers in use (the address just after the last register).</summary>
    public static readonly int Size = Map.Max(r => r.Address + 2);

    /// <summary>Writes the whole table of <paramref name="state"/> into <paramref name="registers"/> (<see cref="Size"/> long).</summary>
    public static void Encode(StackState state, Span<ushort> registers)
    {
        foreach (var r in Map) ModbusValueCodec.Encode(r.Value(state), ModbusDataType.Float32, Order, registers.Slice(r.Address, 2));
    }
}
