using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Simulators.Meters;

/// <summary>One register (group) of the simulated meter's map.</summary>
/// <param name="Table">Holding registers (function 03) or input registers (function 04).</param>
/// <param name="Address">0-based protocol address of the first register.</param>
/// <param name="Type">Data type; words in ABCD order (big-endian, high word first).</param>
/// <param name="Point">Telemetry point the value is, in the point's unit once multiplied by <paramref name="Scale"/>.</param>
/// <param name="Scale">Unit of one count: value = raw x scale (e.g. 0.01 kWh).</param>
/// <param name="Value">The value from the meter's state, in the point's unit.</param>
internal sealed record MeterRegister(ModbusTable Table, ushort Address, ModbusDataType Type, string Point, double Scale, Func<MeterState, double> Value)
{
    /// <summary>Modbus function code that reads it.</summary>
    public int Function => Table == ModbusTable.HoldingRegisters ? 3 : 4;
}

/// <summary>
/// The register map of the CarbonEdge simulated three-phase meter (docs/simulated-meter.md): instantaneous values as
/// float32 input registers, energy registers as float64 holding registers, and the import register also as uint32
/// in 0.01 kWh (the resolution of DL/T 645 energy data) for gateways configured with a scale.
/// </summary>
internal static class MeterRegisters
{
    /// <summary>Every register of the map, input registers first.</summary>
    public static readonly IReadOnlyList<MeterRegister> Map =
    [
        new(ModbusTable.InputRegisters, 0, ModbusDataType.Float32, "voltage.a", 1, s => s.VoltageA),
        new(ModbusTable.InputRegisters, 2, ModbusDataType.Float32, "voltage.b", 1, s => s.VoltageB),
        new(ModbusTable.InputRegisters, 4, ModbusDataType.Float32, "voltage.c", 1, s => s.VoltageC),
        new(ModbusTable.InputRegisters, 6, ModbusDataType.Float32, "current.a", 1, s => s.CurrentA),
        new(ModbusTable.InputRegisters, 8, ModbusDataType.Float32, "current.b", 1, s => s.CurrentB),
        new(ModbusTable.InputRegisters, 10, ModbusDataType.Float32, "current.c", 1, s => s.CurrentC),
        new(ModbusTable.InputRegisters, 12, ModbusDataType.Float32, "power.active.a", 1, s => s.PowerAKw),
        new(ModbusTable.InputRegisters, 14, ModbusDataType.Float32, "power.active.b", 1, s => s.PowerBKw),
        new(ModbusTable.InputRegisters, 16, ModbusDataType.Float32, "power.active.c", 1, s => s.PowerCKw),
        new(ModbusTable.InputRegisters, 18, ModbusDataType.Float32, Points.PowerActive, 1, s => s.PowerKw),
        new(ModbusTable.InputRegisters, 20, ModbusDataType.Float32, Points.PowerReactive, 1, s => s.ReactiveKvar),
        new(ModbusTable.InputRegisters, 22, ModbusDataType.Float32, Points.PowerFactor, 1, s => s.PowerFactor),
        new(ModbusTable.InputRegisters, 24, ModbusDataType.Float32, Points.Frequency, 1, s => s.FrequencyHz),
        new(ModbusTable.HoldingRegisters, 0, ModbusDataType.Float64, Points.EnergyActiveImport, 1, s => s.EnergyImportKwh),
        new(ModbusTable.HoldingRegisters, 4, ModbusDataType.Float64, Points.EnergyActiveExport, 1, s => s.EnergyExportKwh),
        new(ModbusTable.HoldingRegisters, 8, ModbusDataType.Float64, Points.EnergyReactiveImport, 1, s => s.EnergyReactiveKvarh),
        new(ModbusTable.HoldingRegisters, 16, ModbusDataType.UInt32, Points.EnergyActiveImport, 0.01, s => s.EnergyImportKwh),
    ];

    /// <summary>The canonical entry per point (the float64 energy registers, not their uint32 copy).</summary>
    public static IEnumerable<MeterRegister> Canonical => Map.Where(r => r.Scale == 1);

    private static readonly int InputSize = ComputeSize(ModbusTable.InputRegisters);
    private static readonly int HoldingSize = ComputeSize(ModbusTable.HoldingRegisters);

    /// <summary>Registers in use per table (the address just after the last register).</summary>
    public static int Size(ModbusTable table) => table == ModbusTable.InputRegisters ? InputSize : HoldingSize;

    private static int ComputeSize(ModbusTable table) =>
        Map.Where(r => r.Table == table).Max(r => r.Address + ModbusValueCodec.RegisterCount(r.Type));

    /// <summary>Writes the whole table of <paramref name="state"/> into <paramref name="registers"/>.</summary>
    public static void Encode(MeterState state, ModbusTable table, Span<ushort> registers)
    {
        foreach (var r in Map)
        {
            if (r.Table != table) continue;
            double raw = r.Value(state) / r.Scale;
            if (r.Type == ModbusDataType.UInt32) raw = Math.Round(raw) % 4294967296.0;
            ModbusValueCodec.Encode(raw, r.Type, WordOrder.ABCD, registers.Slice(r.Address, ModbusValueCodec.RegisterCount(r.Type)));
        }
    }
}
