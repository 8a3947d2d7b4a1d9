using System.Buffers.Binary;

namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// Facts about whole PDUs (function code + data): size limits and the length of a request or response
/// computed from its first bytes, which RTU framing needs to find the end of a frame.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §4.1 (PDU ≤ 253 bytes) and the per-function layouts of §6.</remarks>
public static class ModbusPdu
{
    /// <summary>Largest PDU: 256-byte serial ADU minus address and CRC (§4.1).</summary>
    public const int MaxLength = 253;

    /// <summary>Bit 7 of the function code marks an exception response (§7).</summary>
    public const byte ExceptionFlag = 0x80;

    /// <summary>
    /// Length of the request PDU that starts with <paramref name="prefix"/>: Complete with the length,
    /// NeedMoreData when the prefix is too short to tell, Invalid with <see cref="FrameError.UnknownFunction"/>
    /// for function codes this library does not decode (RTU framing then waits for the 3.5-character silence).
    /// </summary>
    public static DecodeStatus TryGetRequestLength(ReadOnlySpan<byte> prefix, out int length, out FrameError error)
    {
        length = 0;
        error = FrameError.None;
        if (prefix.IsEmpty) return DecodeStatus.NeedMoreData;
        switch ((ModbusFunctionCode)prefix[0])
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs
                or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
                or ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister:
                length = 5;
                return DecodeStatus.Complete;
            case ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters:
                return LengthFromByteCount(prefix, 5, out length);
            case ModbusFunctionCode.ReadWriteMultipleRegisters:
                return LengthFromByteCount(prefix, 9, out length);
            case ModbusFunctionCode.EncapsulatedInterfaceTransport:
                if (prefix.Length < 2) return DecodeStatus.NeedMoreData;
                if (prefix[1] != ReadDeviceIdentificationPdu.MeiType) break;
                length = ReadDeviceIdentificationPdu.RequestLength;
                return DecodeStatus.Complete;
        }
        error = FrameError.UnknownFunction;
        return DecodeStatus.Invalid;
    }

    /// <summary>
    /// Length of the response PDU that starts with <paramref name="prefix"/> (normal or exception response);
    /// same results as <see cref="TryGetRequestLength"/>.
    /// </summary>
    public static DecodeStatus TryGetResponseLength(ReadOnlySpan<byte> prefix, out int length, out FrameError error)
    {
        length = 0;
        error = FrameError.None;
        if (prefix.IsEmpty) return DecodeStatus.NeedMoreData;
        byte function = prefix[0];
        if ((function & ExceptionFlag) != 0)
        {
            length = ExceptionPdu.Length;
            return DecodeStatus.Complete;
        }
        switch ((ModbusFunctionCode)function)
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs
                or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
                or ModbusFunctionCode.ReadWriteMultipleRegisters:
                return LengthFromByteCount(prefix, 1, out length);
            case ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister
                or ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters:
                length = 5;
                return DecodeStatus.Complete;
            case ModbusFunctionCode.EncapsulatedInterfaceTransport:
                if (prefix.Length < 2) return DecodeStatus.NeedMoreData;
                if (prefix[1] != ReadDeviceIdentificationPdu.MeiType) break;
                return ReadDeviceIdentificationPdu.TryGetResponseLength(prefix, out length, out error);
        }
        error = FrameError.UnknownFunction;
        return DecodeStatus.Invalid;
    }

    private static DecodeStatus LengthFromByteCount(ReadOnlySpan<byte> prefix, int byteCountIndex, out int length)
    {
        length = 0;
        if (prefix.Length <= byteCountIndex) return DecodeStatus.NeedMoreData;
        length = byteCountIndex + 1 + prefix[byteCountIndex];
        return DecodeStatus.Complete;
    }

    /// <summary>Writes function code, a 16-bit address and a 16-bit quantity or value, big-endian (5 bytes).</summary>
    internal static int WriteAddressAndValue(Span<byte> destination, byte function, ushort address, ushort value)
    {
        destination[0] = function;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], value);
        return 5;
    }

    /// <summary>Reads the 5-byte shape written by <see cref="WriteAddressAndValue"/>.</summary>
    internal static DecodeStatus ReadAddressAndValue(ReadOnlySpan<byte> pdu, out ushort address, out ushort value, out FrameError error)
    {
        address = value = 0;
        error = FrameError.None;
        if (pdu.Length < 5) return DecodeStatus.NeedMoreData;
        if (pdu.Length > 5)
        {
            error = FrameError.BadLength;
            return DecodeStatus.Invalid;
        }
        address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        value = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        return DecodeStatus.Complete;
    }

    /// <summary>Checks that a PDU is exactly <paramref name="expected"/> bytes: shorter needs more data, longer is invalid.</summary>
    internal static DecodeStatus CheckLength(int actual, int expected, out FrameError error)
    {
        error = FrameError.None;
        if (actual < expected) return DecodeStatus.NeedMoreData;
        if (actual == expected) return DecodeStatus.Complete;
        error = FrameError.BadLength;
        return DecodeStatus.Invalid;
    }
}
