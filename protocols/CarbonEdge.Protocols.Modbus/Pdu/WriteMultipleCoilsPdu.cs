using System.Buffers.Binary;

namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// 15 (0x0F) Write Multiple Coils. Request: function, start address, quantity, byte count, packed bits;
/// response: function, start address, quantity.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.11.</remarks>
public static class WriteMultipleCoilsPdu
{
    /// <summary>Largest quantity of coils one request may write (0x7B0).</summary>
    public const int MaxCount = 1968;

    /// <summary>Response PDU length.</summary>
    public const int ResponseLength = 5;

    /// <summary>Request PDU length for <paramref name="count"/> coils.</summary>
    public static int RequestLength(int count) => 6 + BitPacking.ByteCount(count);

    /// <summary>Writes the request; returns its length.</summary>
    public static int EncodeRequest(Span<byte> destination, ushort startAddress, ReadOnlySpan<bool> values)
    {
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.WriteMultipleCoils, startAddress, (ushort)values.Length);
        int byteCount = BitPacking.ByteCount(values.Length);
        destination[5] = (byte)byteCount;
        BitPacking.Pack(values, destination.Slice(6, byteCount));
        return 6 + byteCount;
    }

    /// <summary>
    /// Decodes a request: address, quantity and the packed bits (unpack with <see cref="BitPacking.Unpack"/>).
    /// Invalid with <see cref="FrameError.BadByteCount"/> when the byte count does not fit the quantity.
    /// </summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> pdu, out ushort startAddress, out ushort count,
        out ReadOnlySpan<byte> packedBits, out FrameError error)
    {
        startAddress = count = 0;
        packedBits = default;
        error = FrameError.None;
        if (pdu.Length < 6) return DecodeStatus.NeedMoreData;
        startAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        count = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        int byteCount = pdu[5];
        var status = ModbusPdu.CheckLength(pdu.Length, 6 + byteCount, out error);
        if (status != DecodeStatus.Complete) return status;
        if (byteCount != BitPacking.ByteCount(count))
        {
            error = FrameError.BadByteCount;
            return DecodeStatus.Invalid;
        }
        packedBits = pdu.Slice(6, byteCount);
        return DecodeStatus.Complete;
    }

    /// <summary>Writes the response (echo of address and quantity); returns 5.</summary>
    public static int EncodeResponse(Span<byte> destination, ushort startAddress, ushort count) =>
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.WriteMultipleCoils, startAddress, count);

    /// <summary>Decodes the response.</summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> pdu, out ushort startAddress, out ushort count, out FrameError error) =>
        ModbusPdu.ReadAddressAndValue(pdu, out startAddress, out count, out error);
}
