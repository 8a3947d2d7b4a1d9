using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// What a Modbus server serves: the four data tables of each unit (coils, discrete inputs, holding registers,
/// input registers) and the device identification. A simulator implements this (or uses
/// <see cref="ModbusRegisterMap"/>). Calls may come from several connections at once: implementations must be
/// thread-safe. Each method returns <see cref="ModbusExceptionCode.None"/> on success or the exception code to answer
/// (e.g. <see cref="ModbusExceptionCode.IllegalDataAddress"/> for an unmapped range). Methods not implemented
/// answer <see cref="ModbusExceptionCode.IllegalFunction"/>.
/// </summary>
/// <remarks>Data model of Modbus Application Protocol V1.1b3 §4.3; exception codes §7.</remarks>
public interface IModbusDataStore
{
    /// <summary>True when the server answers requests to <paramref name="unitId"/>; others get no response at all.</summary>
    bool HasUnit(byte unitId);

    /// <summary>Fills <paramref name="destination"/> with holding registers from <paramref name="startAddress"/> (03, 23).</summary>
    ModbusExceptionCode ReadHoldingRegisters(byte unitId, ushort startAddress, Span<ushort> destination);

    /// <summary>Fills <paramref name="destination"/> with input registers from <paramref name="startAddress"/> (04).</summary>
    ModbusExceptionCode ReadInputRegisters(byte unitId, ushort startAddress, Span<ushort> destination);

    /// <summary>Writes holding registers (06, 16, 23).</summary>
    ModbusExceptionCode WriteHoldingRegisters(byte unitId, ushort startAddress, ReadOnlySpan<ushort> values) => ModbusExceptionCode.IllegalFunction;

    /// <summary>Fills <paramref name="destination"/> with coils (01).</summary>
    ModbusExceptionCode ReadCoils(byte unitId, ushort startAddress, Span<bool> destination) => ModbusExceptionCode.IllegalFunction;

    /// <summary>Fills <paramref name="destination"/> with discrete inputs (02).</summary>
    ModbusExceptionCode ReadDiscreteInputs(byte unitId, ushort startAddress, Span<bool> destination) => ModbusExceptionCode.IllegalFunction;

    /// <summary>Writes coils (05, 15).</summary>
    ModbusExceptionCode WriteCoils(byte unitId, ushort startAddress, ReadOnlySpan<bool> values) => ModbusExceptionCode.IllegalFunction;

    /// <summary>The unit's identification objects for 43/14, or null (answered with illegal function).</summary>
    ModbusDeviceIdentification? GetDeviceIdentification(byte unitId) => null;
}
