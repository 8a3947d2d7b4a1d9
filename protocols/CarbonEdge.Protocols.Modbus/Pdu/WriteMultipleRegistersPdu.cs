using System.Buffers.Binary;

namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// 16 (0x10) Write Multiple Registers. Request: function, start address, quantity, byte count (2 x quantity),
/// registers big-endian; response: function, start address, quantity.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.12.</remarks>
public static class WriteMultipleRegistersPdu
{
    /// <summary>Largest quantity of registers one request may write (0x7B).</summary>
    public const int MaxCount = 123;

    /// <summary>Response PDU length.</summary>
    public const int ResponseLength = 5;

    /// <summary>Request PDU length for <paramref name="count"/> registers.</summary>
    public static int RequestLength(int count) => 6 + 2 * count;

    /// <summary>Writes the request; returns its length.</summary>
    public static int EncodeRequest(Span<byte> destination, ushort startAddress, ReadOnlySpan<ushort> values)
    {
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.WriteMultipleRegisters, startAddress, (ushort)values.Length);
        destination[5] = (byte)(values.Length * 2);
        RegisterBytes.Write(values, destination[6..]);
        return RequestLength(values.Length);
    }

    /// <summary>
    /// Decodes a request: address, quantity, and the register bytes (read with <see cref="RegisterBytes.Read"/>).
    /// Invalid with <see cref="FrameError.BadByteCount"/> when the byte count is not 2 x quantity.
    /// </summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> pdu, out ushort startAddress, out ushort count,
        out ReadOnlySpan<byte> registerBytes, out FrameError error)
    {
        startAddress = count = 0;
        registerBytes = default;
        error = FrameError.None;
        if (pdu.Length < 6) return DecodeStatus.NeedMoreData;
        startAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        count = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        int byteCount = pdu[5];
        var status = ModbusPdu.CheckLength(pdu.Length, 6 + byteCount, out error);
        if (status != DecodeStatus.Complete) return status;
        if (byteCount != 2 * count)
        {
            error = FrameError.BadByteCount;
            return DecodeStatus.Invalid;
        }
        registerBytes = pdu.Slice(6, byteCount);
        return DecodeStatus.Complete;
    }

    /// <summary>Writes the response (echo of address and quantity); returns 5.</summary>
    public static int EncodeResponse(Span<byte> destination, ushort startAddress, ushort count) =>
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.WriteMultipleRegisters, startAddress, count);

    /// <summary>Decodes the response.</summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> pdu, out ushort startAddress, out ushort count, out FrameError error) =>
        ModbusPdu.ReadAddressAndValue(pdu, out startAddress, out count, out error);
}
