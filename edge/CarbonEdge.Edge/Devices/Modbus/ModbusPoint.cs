using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Edge.Devices.Modbus;

/// <summary>A configured point, resolved: protocol address, decoded type and order, scaling.</summary>
/// <param name="Name">Contract point name.</param>
/// <param name="Function">01-04.</param>
/// <param name="Address">0-based protocol address.</param>
/// <param name="Type">Data type.</param>
/// <param name="Order">Word/byte order.</param>
/// <param name="Bit">Bit of a register for <see cref="ModbusDataType.Bit"/> points read with 03/04.</param>
/// <param name="Scale">Multiplier applied to the raw value.</param>
/// <param name="Offset">Added after scaling.</param>
internal sealed record ModbusPoint(string Name, ModbusFunctionCode Function, ushort Address, ModbusDataType Type, WordOrder Order,
    int Bit, double Scale, double Offset)
{
    /// <summary>True for points read from coils or discrete inputs.</summary>
    public bool IsBitTable => Function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs;

    /// <summary>Registers (or bits) the point spans.</summary>
    public int Count => IsBitTable ? 1 : ModbusValueCodec.RegisterCount(Type);

    /// <summary>Where the read planner finds it.</summary>
    public PointLocation Location => new(Function, Address, Count);
}
