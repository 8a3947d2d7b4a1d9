using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>The four data tables of a Modbus device.</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §4.3 (data model).</remarks>
public enum ModbusTable
{
    /// <summary>Read-write bits (01, 05, 15).</summary>
    Coils,
    /// <summary>Read-only bits (02).</summary>
    DiscreteInputs,
    /// <summary>Read-write registers (03, 06, 16, 23).</summary>
    HoldingRegisters,
    /// <summary>Read-only registers (04).</summary>
    InputRegisters,
}

/// <summary>
/// An in-memory <see cref="IModbusDataStore"/>: for each configured unit, <see cref="Size"/> coils, discrete inputs,
/// holding and input registers, all zero at first. Addresses at or past <see cref="Size"/> answer illegal data
/// address. Thread-safe: each call is atomic, and <see cref="Update"/> makes several writes atomic for readers
/// (a simulator updating a whole meter map at once).
/// </summary>
public sealed class ModbusRegisterMap : IModbusDataStore
{
    private readonly object _gate = new();
    private readonly Dictionary<byte, Unit> _units = [];

    /// <summary>Creates tables for <paramref name="unitIds"/> with <paramref name="size"/> (1-65536) entries each.</summary>
    public ModbusRegisterMap(IEnumerable<byte> unitIds, int size = 0x10000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 0x10000);
        Size = size;
        foreach (byte unitId in unitIds) _units[unitId] = new Unit(size);
        if (_units.Count == 0) throw new ArgumentException("at least one unit id is needed", nameof(unitIds));
    }

    /// <summary>Entries in each table.</summary>
    public int Size { get; }

    /// <summary>The unit ids served.</summary>
    public IReadOnlyCollection<byte> Units => _units.Keys;

    /// <summary>What 43/14 Read Device Identification answers (the same for every unit), or null for illegal function.</summary>
    public ModbusDeviceIdentification? Identification { get; set; }

    /// <summary>Runs <paramref name="update"/> while no request is served, so its writes appear together.</summary>
    public void Update(Action update)
    {
        lock (_gate) update();
    }

    /// <summary>Copies registers into a table (holding or input).</summary>
    /// <exception cref="ArgumentException">Unknown unit, a bit table, or a range past <see cref="Size"/>.</exception>
    public void SetRegisters(ModbusTable table, byte unitId, ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_gate) values.CopyTo(Registers(table, unitId, address, values.Length));
    }

    /// <summary>Copies registers out of a table (holding or input).</summary>
    public void GetRegisters(ModbusTable table, byte unitId, ushort address, Span<ushort> destination)
    {
        lock (_gate) Registers(table, unitId, address, destination.Length).CopyTo(destination);
    }

    /// <summary>Encodes <paramref name="value"/> as <paramref name="type"/> in <paramref name="order"/> at <paramref name="address"/>.</summary>
    public void SetValue(ModbusTable table, byte unitId, ushort address, double value, ModbusDataType type, WordOrder order = WordOrder.ABCD)
    {
        Span<ushort> registers = stackalloc ushort[ModbusValueCodec.RegisterCount(type)];
        lock (_gate)
        {
            var target = Registers(table, unitId, address, registers.Length);
            target.CopyTo(registers);
            ModbusValueCodec.Encode(value, type, order, registers);
            registers.CopyTo(target);
        }
    }

    /// <summary>Copies bits into a table (coils or discrete inputs).</summary>
    public void SetBits(ModbusTable table, byte unitId, ushort address, ReadOnlySpan<bool> values)
    {
        lock (_gate) values.CopyTo(Bits(table, unitId, address, values.Length));
    }

    /// <summary>Copies bits out of a table (coils or discrete inputs).</summary>
    public void GetBits(ModbusTable table, byte unitId, ushort address, Span<bool> destination)
    {
        lock (_gate) Bits(table, unitId, address, destination.Length).CopyTo(destination);
    }

    bool IModbusDataStore.HasUnit(byte unitId) => _units.ContainsKey(unitId);

    ModbusExceptionCode IModbusDataStore.ReadHoldingRegisters(byte unitId, ushort startAddress, Span<ushort> destination) =>
        ReadRegisters(ModbusTable.HoldingRegisters, unitId, startAddress, destination);

    ModbusExceptionCode IModbusDataStore.ReadInputRegisters(byte unitId, ushort startAddress, Span<ushort> destination) =>
        ReadRegisters(ModbusTable.InputRegisters, unitId, startAddress, destination);

    ModbusExceptionCode IModbusDataStore.WriteHoldingRegisters(byte unitId, ushort startAddress, ReadOnlySpan<ushort> values)
    {
        if (!InRange(unitId, startAddress, values.Length)) return ModbusExceptionCode.IllegalDataAddress;
        SetRegisters(ModbusTable.HoldingRegisters, unitId, startAddress, values);
        return ModbusExceptionCode.None;
    }

    ModbusExceptionCode IModbusDataStore.ReadCoils(byte unitId, ushort startAddress, Span<bool> destination) =>
        ReadBits(ModbusTable.Coils, unitId, startAddress, destination);

    ModbusExceptionCode IModbusDataStore.ReadDiscreteInputs(byte unitId, ushort startAddress, Span<bool> destination) =>
        ReadBits(ModbusTable.DiscreteInputs, unitId, startAddress, destination);

    ModbusExceptionCode IModbusDataStore.WriteCoils(byte unitId, ushort startAddress, ReadOnlySpan<bool> values)
    {
        if (!InRange(unitId, startAddress, values.Length)) return ModbusExceptionCode.IllegalDataAddress;
        SetBits(ModbusTable.Coils, unitId, startAddress, values);
        return ModbusExceptionCode.None;
    }

    ModbusDeviceIdentification? IModbusDataStore.GetDeviceIdentification(byte unitId) => Identification;

    private ModbusExceptionCode ReadRegisters(ModbusTable table, byte unitId, ushort startAddress, Span<ushort> destination)
    {
        if (!InRange(unitId, startAddress, destination.Length)) return ModbusExceptionCode.IllegalDataAddress;
        GetRegisters(table, unitId, startAddress, destination);
        return ModbusExceptionCode.None;
    }

    private ModbusExceptionCode ReadBits(ModbusTable table, byte unitId, ushort startAddress, Span<bool> destination)
    {
        if (!InRange(unitId, startAddress, destination.Length)) return ModbusExceptionCode.IllegalDataAddress;
        GetBits(table, unitId, startAddress, destination);
        return ModbusExceptionCode.None;
    }

    private bool InRange(byte unitId, ushort startAddress, int count) => _units.ContainsKey(unitId) && startAddress + count <= Size;

    private Span<ushort> Registers(ModbusTable table, byte unitId, ushort address, int count)
    {
        var unit = Find(unitId, address, count);
        return table switch
        {
            ModbusTable.HoldingRegisters => unit.Holding.AsSpan(address, count),
            ModbusTable.InputRegisters => unit.Input.AsSpan(address, count),
            _ => throw new ArgumentException($"{table} holds bits, not registers", nameof(table)),
        };
    }

    private Span<bool> Bits(ModbusTable table, byte unitId, ushort address, int count)
    {
        var unit = Find(unitId, address, count);
        return table switch
        {
            ModbusTable.Coils => unit.Coils.AsSpan(address, count),
            ModbusTable.DiscreteInputs => unit.DiscreteInputs.AsSpan(address, count),
            _ => throw new ArgumentException($"{table} holds registers, not bits", nameof(table)),
        };
    }

    private Unit Find(byte unitId, ushort address, int count)
    {
        if (!_units.TryGetValue(unitId, out var unit)) throw new ArgumentException($"unit {unitId} is not served", nameof(unitId));
        if (address + count > Size) throw new ArgumentException($"addresses {address}..{address + count - 1} pass the table size {Size}", nameof(address));
        return unit;
    }

    private sealed class Unit(int size)
    {
        public bool[] Coils { get; } = new bool[size];
        public bool[] DiscreteInputs { get; } = new bool[size];
        public ushort[] Holding { get; } = new ushort[size];
        public ushort[] Input { get; } = new ushort[size];
    }
}
