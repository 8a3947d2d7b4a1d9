using System.Buffers;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// Turns one request PDU into its response PDU against an <see cref="IModbusDataStore"/>: checks quantities and
/// address ranges in the order the standard's state diagrams give (illegal function, then illegal data value for
/// quantities, byte counts and coil values, then illegal data address), then calls the store. Transport-independent.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6 (per-function state diagrams) and §7.</remarks>
public static class ModbusRequestProcessor
{
    /// <summary>Processes <paramref name="request"/> for <paramref name="unitId"/>; writes the response; returns its length.</summary>
    /// <param name="store">The data served.</param>
    /// <param name="unitId">The addressed unit (its existence already checked with <see cref="IModbusDataStore.HasUnit"/>).</param>
    /// <param name="request">The request PDU.</param>
    /// <param name="response">At least <see cref="ModbusPdu.MaxLength"/> bytes.</param>
    public static int Process(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.IsEmpty) return ExceptionPdu.Encode(response, 0, ModbusExceptionCode.IllegalFunction);
        byte function = request[0];
        int length = 0;
        var code = (ModbusFunctionCode)function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => ReadBits(store, unitId, request, response, out length),
            ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => ReadRegisters(store, unitId, request, response, out length),
            ModbusFunctionCode.WriteSingleCoil => WriteSingleCoil(store, unitId, request, response, out length),
            ModbusFunctionCode.WriteSingleRegister => WriteSingleRegister(store, unitId, request, response, out length),
            ModbusFunctionCode.WriteMultipleCoils => WriteMultipleCoils(store, unitId, request, response, out length),
            ModbusFunctionCode.WriteMultipleRegisters => WriteMultipleRegisters(store, unitId, request, response, out length),
            ModbusFunctionCode.ReadWriteMultipleRegisters => ReadWriteMultipleRegisters(store, unitId, request, response, out length),
            ModbusFunctionCode.EncapsulatedInterfaceTransport => ReadDeviceIdentification(store, unitId, request, response, out length),
            _ => ModbusExceptionCode.IllegalFunction,
        };
        return code == ModbusExceptionCode.None ? length : ExceptionPdu.Encode(response, function, code);
    }

    private static ModbusExceptionCode ReadBits(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (ReadBitsPdu.TryDecodeRequest(request, out ushort start, out ushort count, out _) != DecodeStatus.Complete
            || count is 0 or > ReadBitsPdu.MaxCount) return ModbusExceptionCode.IllegalDataValue;
        if (start + count > 0x10000) return ModbusExceptionCode.IllegalDataAddress;
        bool[] bits = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            var values = bits.AsSpan(0, count);
            var function = (ModbusFunctionCode)request[0];
            var code = function == ModbusFunctionCode.ReadCoils
                ? store.ReadCoils(unitId, start, values)
                : store.ReadDiscreteInputs(unitId, start, values);
            if (code == ModbusExceptionCode.None) length = ReadBitsPdu.EncodeResponse(response, function, values);
            return code;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(bits);
        }
    }

    private static ModbusExceptionCode ReadRegisters(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (ReadRegistersPdu.TryDecodeRequest(request, out ushort start, out ushort count, out _) != DecodeStatus.Complete
            || count is 0 or > ReadRegistersPdu.MaxCount) return ModbusExceptionCode.IllegalDataValue;
        if (start + count > 0x10000) return ModbusExceptionCode.IllegalDataAddress;
        Span<ushort> values = stackalloc ushort[count];
        var function = (ModbusFunctionCode)request[0];
        var code = function == ModbusFunctionCode.ReadHoldingRegisters
            ? store.ReadHoldingRegisters(unitId, start, values)
            : store.ReadInputRegisters(unitId, start, values);
        if (code == ModbusExceptionCode.None) length = ReadRegistersPdu.EncodeResponse(response, function, values);
        return code;
    }

    private static ModbusExceptionCode WriteSingleCoil(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (WriteSingleCoilPdu.TryDecode(request, out ushort address, out bool value, out _) != DecodeStatus.Complete) return ModbusExceptionCode.IllegalDataValue;
        var code = store.WriteCoils(unitId, address, [value]);
        if (code == ModbusExceptionCode.None) length = Echo(request, response);
        return code;
    }

    private static ModbusExceptionCode WriteSingleRegister(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (WriteSingleRegisterPdu.TryDecode(request, out ushort address, out ushort value, out _) != DecodeStatus.Complete) return ModbusExceptionCode.IllegalDataValue;
        var code = store.WriteHoldingRegisters(unitId, address, [value]);
        if (code == ModbusExceptionCode.None) length = Echo(request, response);
        return code;
    }

    private static ModbusExceptionCode WriteMultipleCoils(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (WriteMultipleCoilsPdu.TryDecodeRequest(request, out ushort start, out ushort count, out var packed, out _) != DecodeStatus.Complete
            || count is 0 or > WriteMultipleCoilsPdu.MaxCount) return ModbusExceptionCode.IllegalDataValue;
        if (start + count > 0x10000) return ModbusExceptionCode.IllegalDataAddress;
        bool[] bits = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            var values = bits.AsSpan(0, count);
            BitPacking.Unpack(packed, values);
            var code = store.WriteCoils(unitId, start, values);
            if (code == ModbusExceptionCode.None) length = WriteMultipleCoilsPdu.EncodeResponse(response, start, count);
            return code;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(bits);
        }
    }

    private static ModbusExceptionCode WriteMultipleRegisters(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (WriteMultipleRegistersPdu.TryDecodeRequest(request, out ushort start, out ushort count, out var bytes, out _) != DecodeStatus.Complete
            || count is 0 or > WriteMultipleRegistersPdu.MaxCount) return ModbusExceptionCode.IllegalDataValue;
        if (start + count > 0x10000) return ModbusExceptionCode.IllegalDataAddress;
        Span<ushort> values = stackalloc ushort[count];
        RegisterBytes.Read(bytes, values);
        var code = store.WriteHoldingRegisters(unitId, start, values);
        if (code == ModbusExceptionCode.None) length = WriteMultipleRegistersPdu.EncodeResponse(response, start, count);
        return code;
    }

    private static ModbusExceptionCode ReadWriteMultipleRegisters(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (ReadWriteMultipleRegistersPdu.TryDecodeRequest(request, out ushort readStart, out ushort readCount, out ushort writeStart,
                out ushort writeCount, out var bytes, out _) != DecodeStatus.Complete
            || readCount is 0 or > ReadWriteMultipleRegistersPdu.MaxReadCount
            || writeCount is 0 or > ReadWriteMultipleRegistersPdu.MaxWriteCount) return ModbusExceptionCode.IllegalDataValue;
        if (readStart + readCount > 0x10000 || writeStart + writeCount > 0x10000) return ModbusExceptionCode.IllegalDataAddress;
        Span<ushort> written = stackalloc ushort[writeCount];
        RegisterBytes.Read(bytes, written);
        var code = store.WriteHoldingRegisters(unitId, writeStart, written);
        if (code != ModbusExceptionCode.None) return code;
        Span<ushort> read = stackalloc ushort[readCount];
        code = store.ReadHoldingRegisters(unitId, readStart, read);
        if (code == ModbusExceptionCode.None) length = ReadWriteMultipleRegistersPdu.EncodeResponse(response, read);
        return code;
    }

    private static ModbusExceptionCode ReadDeviceIdentification(IModbusDataStore store, byte unitId, ReadOnlySpan<byte> request, Span<byte> response, out int length)
    {
        length = 0;
        if (request.Length >= 2 && request[1] != ReadDeviceIdentificationPdu.MeiType) return ModbusExceptionCode.IllegalFunction;
        if (ReadDeviceIdentificationPdu.TryDecodeRequest(request, out var code, out byte objectId, out _) != DecodeStatus.Complete
            || code is < ReadDeviceIdCode.Basic or > ReadDeviceIdCode.Specific) return ModbusExceptionCode.IllegalDataValue;
        if (store.GetDeviceIdentification(unitId) is not { } identification) return ModbusExceptionCode.IllegalFunction;
        IReadOnlyList<DeviceIdentificationObject> objects;
        if (code == ReadDeviceIdCode.Specific)
        {
            if (!identification.Objects.TryGetValue(objectId, out string? value)) return ModbusExceptionCode.IllegalDataAddress;
            objects = [new DeviceIdentificationObject(objectId, value)];
        }
        else
        {
            // §6.21: a stream request for an object id the device does not have restarts at object 0.
            objects = identification.Stream(code, objectId);
            if (objects.Count == 0 || objects[0].Id != objectId) objects = identification.Stream(code, 0);
        }
        length = ReadDeviceIdentificationPdu.EncodeResponse(response, code, identification.ConformityLevel, objects, 0, out _);
        return ModbusExceptionCode.None;
    }

    private static int Echo(ReadOnlySpan<byte> request, Span<byte> response)
    {
        request.CopyTo(response);
        return request.Length;
    }
}
