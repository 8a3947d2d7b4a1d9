using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;

namespace CarbonEdge.Simulators.Meters;

/// <summary>
/// Serves one or more simulated meters over Modbus: each unit id is a <see cref="MeterModel"/> evaluated at the
/// simulated time of the request, encoded with <see cref="MeterRegisters"/>. Reading outside the map answers
/// exception 02 (illegal data address); writes answer 01 (illegal function). Thread-safe (the model is pure).
/// </summary>
internal sealed class MeterDataStore(IReadOnlyDictionary<byte, MeterModel> meters, SimulationClock clock) : IModbusDataStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<byte, long> _energyReads = new();
    private long _reads;

    /// <summary>Register reads answered (both tables).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Reads of unit <paramref name="unitId"/> that returned its energy import register (holding 0-3): each is
    /// one <c>energy.active.import</c> reading served.</summary>
    public long EnergyReads(byte unitId) => _energyReads.GetValueOrDefault(unitId);

    public bool HasUnit(byte unitId) => meters.ContainsKey(unitId);

    public ModbusExceptionCode ReadHoldingRegisters(byte unitId, ushort startAddress, Span<ushort> destination) =>
        Read(unitId, ModbusTable.HoldingRegisters, startAddress, destination);

    public ModbusExceptionCode ReadInputRegisters(byte unitId, ushort startAddress, Span<ushort> destination) =>
        Read(unitId, ModbusTable.InputRegisters, startAddress, destination);

    private ModbusExceptionCode Read(byte unitId, ModbusTable table, ushort startAddress, Span<ushort> destination)
    {
        int size = MeterRegisters.Size(table);
        if (startAddress + destination.Length > size) return ModbusExceptionCode.IllegalDataAddress;
        Span<ushort> all = stackalloc ushort[size];
        MeterRegisters.Encode(meters[unitId].At(clock.Now), table, all);
        all.Slice(startAddress, destination.Length).CopyTo(destination);
        Interlocked.Increment(ref _reads);
        if (table == ModbusTable.HoldingRegisters && startAddress == 0 && destination.Length >= 4)
            _energyReads.AddOrUpdate(unitId, 1, (_, n) => n + 1);
        return ModbusExceptionCode.None;
    }
}
