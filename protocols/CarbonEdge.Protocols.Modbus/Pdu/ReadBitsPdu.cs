namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// 01 Read Coils and 02 Read Discrete Inputs. Request: function, start address, quantity (5 bytes); response:
/// function, byte count (quantity / 8 rounded up), bits packed LSB first, unused high bits of the last byte zero.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.1 and §6.2.</remarks>
public static class ReadBitsPdu
{
    /// <summary>Largest quantity of bits one request may read (0x7D0).</summary>
    public const int MaxCount = 2000;

    /// <summary>Response PDU length for <paramref name="count"/> bits.</summary>
    public static int ResponseLength(int count) => 2 + BitPacking.ByteCount(count);

    /// <summary>Writes the request; returns 5.</summary>
    public static int EncodeRequest(Span<byte> destination, ModbusFunctionCode function, ushort startAddress, ushort count) =>
        ModbusPdu.WriteAddressAndValue(destination, (byte)function, startAddress, count);

    /// <summary>Decodes a request; quantity range checks are the server's.</summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> pdu, out ushort startAddress, out ushort count, out FrameError error) =>
        ModbusPdu.ReadAddressAndValue(pdu, out startAddress, out count, out error);

    /// <summary>Writes the response carrying <paramref name="bits"/>; returns its length.</summary>
    public static int EncodeResponse(Span<byte> destination, ModbusFunctionCode function, ReadOnlySpan<bool> bits)
    {
        destination[0] = (byte)function;
        int byteCount = BitPacking.ByteCount(bits.Length);
        destination[1] = (byte)byteCount;
        BitPacking.Pack(bits, destination.Slice(2, byteCount));
        return 2 + byteCount;
    }

    /// <summary>Decodes a normal response into <paramref name="bits"/>, whose length is the quantity requested.</summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> pdu, Span<bool> bits, out FrameError error)
    {
        error = FrameError.None;
        if (pdu.Length < 2) return DecodeStatus.NeedMoreData;
        int byteCount = BitPacking.ByteCount(bits.Length);
        if (pdu[1] != byteCount)
        {
            error = FrameError.BadByteCount;
            return DecodeStatus.Invalid;
        }
        var status = ModbusPdu.CheckLength(pdu.Length, 2 + byteCount, out error);
        if (status != DecodeStatus.Complete) return status;
        BitPacking.Unpack(pdu.Slice(2, byteCount), bits);
        return DecodeStatus.Complete;
    }
}
