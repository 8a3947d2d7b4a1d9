namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Coil and discrete-input packing: 8 bits a byte, the first bit in the least significant position.</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.1 (coil status packing) and §6.11.</remarks>
public static class BitPacking
{
    /// <summary>Bytes needed for <paramref name="bitCount"/> bits.</summary>
    public static int ByteCount(int bitCount) => (bitCount + 7) / 8;

    /// <summary>Packs <paramref name="bits"/> into <paramref name="destination"/> (unused high bits zero).</summary>
    public static void Pack(ReadOnlySpan<bool> bits, Span<byte> destination)
    {
        destination[..ByteCount(bits.Length)].Clear();
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i]) destination[i >> 3] |= (byte)(1 << (i & 7));
        }
    }

    /// <summary>Unpacks <c>bits.Length</c> bits from <paramref name="source"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> source, Span<bool> bits)
    {
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = (source[i >> 3] & (1 << (i & 7))) != 0;
        }
    }
}
