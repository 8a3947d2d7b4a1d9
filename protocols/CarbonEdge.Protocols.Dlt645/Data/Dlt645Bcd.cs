namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>
/// Packed BCD as DL/T 645 carries numbers: two digits per byte, the least significant byte first. A signed value
/// keeps its sign in the top bit of the most significant byte (the last on the wire), the magnitude in the rest.
/// </summary>
/// <remarks>DL/T 645-2007 §6 (data format: BCD, low byte first; "the highest bit of the most significant byte is the
/// sign bit" for quantities with a direction, Appendix A table notes).</remarks>
public static class Dlt645Bcd
{
    /// <summary>Reads an unsigned BCD number; false when a nibble is above 9.</summary>
    public static bool TryReadUnsigned(ReadOnlySpan<byte> plain, out ulong value)
    {
        value = 0;
        for (int i = plain.Length - 1; i >= 0; i--)
        {
            if (!TryDigits(plain[i], out int digits)) return false;
            value = value * 100 + (ulong)digits;
        }
        return true;
    }

    /// <summary>Reads a signed BCD number (sign in bit 7 of the last byte); false when a nibble is above 9.</summary>
    public static bool TryReadSigned(ReadOnlySpan<byte> plain, out long value)
    {
        value = 0;
        if (plain.IsEmpty) return true;
        bool negative = (plain[^1] & 0x80) != 0;
        ulong magnitude = 0;
        for (int i = plain.Length - 1; i >= 0; i--)
        {
            byte b = i == plain.Length - 1 ? (byte)(plain[i] & 0x7F) : plain[i];
            if (!TryDigits(b, out int digits)) return false;
            magnitude = magnitude * 100 + (ulong)digits;
        }
        value = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> as unsigned BCD into all of <paramref name="plain"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More digits than the span holds.</exception>
    public static void WriteUnsigned(Span<byte> plain, ulong value)
    {
        for (int i = 0; i < plain.Length; i++)
        {
            int pair = (int)(value % 100);
            value /= 100;
            plain[i] = (byte)((pair / 10) << 4 | pair % 10);
        }
        if (value != 0) throw new ArgumentOutOfRangeException(nameof(value), $"more than {2 * plain.Length} digits");
    }

    /// <summary>Writes <paramref name="value"/> as signed BCD (sign in bit 7 of the last byte) into all of <paramref name="plain"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The magnitude does not fit (its top digit must stay below 8).</exception>
    public static void WriteSigned(Span<byte> plain, long value)
    {
        WriteUnsigned(plain, value < 0 ? (ulong)-value : (ulong)value);
        if ((plain[^1] & 0x80) != 0) throw new ArgumentOutOfRangeException(nameof(value), "magnitude reaches the sign bit");
        if (value < 0) plain[^1] |= 0x80;
    }

    /// <summary>Largest magnitude a signed field of <paramref name="bytes"/> bytes holds (top digit 7).</summary>
    public static ulong MaxSignedMagnitude(int bytes) => 8 * Pow10(2 * bytes - 1) - 1;

    /// <summary>Largest value an unsigned field of <paramref name="bytes"/> bytes holds.</summary>
    public static ulong MaxUnsigned(int bytes) => Pow10(2 * bytes) - 1;

    private static ulong Pow10(int exponent)
    {
        ulong result = 1;
        for (int i = 0; i < exponent; i++) result *= 10;
        return result;
    }

    private static bool TryDigits(byte b, out int digits)
    {
        int high = b >> 4, low = b & 0x0F;
        digits = high * 10 + low;
        return high <= 9 && low <= 9;
    }
}
