using System.Buffers.Binary;

namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// 23 (0x17) Read/Write Multiple Registers. Request: function, read start, read quantity, write start, write quantity,
/// write byte count, write registers; response: function, byte count, read registers. The write happens before the read.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.17.</remarks>
public static class ReadWriteMultipleRegistersPdu
{
    /// <summary>Largest read quantity (0x7D).</summary>
    public const int MaxReadCount = 125;

    /// <summary>Largest write quantity (0x79).</summary>
    public const int MaxWriteCount = 121;

    /// <summary>Request PDU length for <paramref name="writeCount"/> registers written.</summary>
    public static int RequestLength(int writeCount) => 10 + 2 * writeCount;

    /// <summary>Writes the request; returns its length.</summary>
    public static int EncodeRequest(Span<byte> destination, ushort readAddress, ushort readCount, ushort writeAddress,
        ReadOnlySpan<ushort> values)
    {
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.ReadWriteMultipleRegisters, readAddress, readCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[5..], writeAddress);
        BinaryPrimitives.WriteUInt16BigEndian(destination[7..], (ushort)values.Length);
        destination[9] = (byte)(values.Length * 2);
        RegisterBytes.Write(values, destination[10..]);
        return RequestLength(values.Length);
    }

    /// <summary>Decodes a request; the written registers come as bytes (read with <see cref="RegisterBytes.Read"/>).</summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> pdu, out ushort readAddress, out ushort readCount,
        out ushort writeAddress, out ushort writeCount, out ReadOnlySpan<byte> writeBytes, out FrameError error)
    {
        readAddress = readCount = writeAddress = writeCount = 0;
        writeBytes = default;
        error = FrameError.None;
        if (pdu.Length < 10) return DecodeStatus.NeedMoreData;
        readAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        readCount = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        writeAddress = BinaryPrimitives.ReadUInt16BigEndian(pdu[5..]);
        writeCount = BinaryPrimitives.ReadUInt16BigEndian(pdu[7..]);
        int byteCount = pdu[9];
        var status = ModbusPdu.CheckLength(pdu.Length, 10 + byteCount, out error);
        if (status != DecodeStatus.Complete) return status;
        if (byteCount != 2 * writeCount)
        {
            error = FrameError.BadByteCount;
            return DecodeStatus.Invalid;
        }
        writeBytes = pdu.Slice(10, byteCount);
        return DecodeStatus.Complete;
    }

    /// <summary>Writes the response carrying the registers read; returns its length.</summary>
    public static int EncodeResponse(Span<byte> destination, ReadOnlySpan<ushort> registers) =>
        ReadRegistersPdu.EncodeResponse(destination, ModbusFunctionCode.ReadWriteMultipleRegisters, registers);

    /// <summary>Decodes the response into <paramref name="registers"/> (length = read quantity).</summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> pdu, Span<ushort> registers, out FrameError error) =>
        ReadRegistersPdu.TryDecodeResponse(pdu, registers, out error);
}
