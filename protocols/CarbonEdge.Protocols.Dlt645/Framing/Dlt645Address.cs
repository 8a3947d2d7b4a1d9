using System.Globalization;

namespace CarbonEdge.Protocols.Dlt645.Framing;

/// <summary>
/// A meter address: 12 decimal digits (six BCD bytes), written most significant digit first as printed on the meter's
/// name plate; on the wire the low byte (last two digits) goes first. <c>AAAAAAAAAAAA</c> is the wildcard (any meter,
/// used with read address 13H on a point-to-point line), <c>999999999999</c> the broadcast address (time sync 08H).
/// Leading AAH bytes are the standard's short-address wildcard.
/// </summary>
/// <remarks>DL/T 645-2007 §7.1 (address field A0..A5), §7.2 (broadcast and wildcard addresses).</remarks>
public readonly record struct Dlt645Address
{
    /// <summary>Bytes in an address.</summary>
    public const int Length = 6;

    private readonly ulong _bytes; // A5..A0 big-endian in the low 48 bits: A5 is the most significant byte

    private Dlt645Address(ulong bytes) => _bytes = bytes;

    /// <summary>The wildcard address AA AA AA AA AA AA (13H read address on a point-to-point line).</summary>
    public static Dlt645Address Wildcard { get; } = new(0xAAAA_AAAA_AAAA);

    /// <summary>The broadcast address 99 99 99 99 99 99 (08H time sync).</summary>
    public static Dlt645Address Broadcast { get; } = new(0x9999_9999_9999);

    /// <summary>True for <see cref="Broadcast"/>.</summary>
    public bool IsBroadcast => _bytes == Broadcast._bytes;

    /// <summary>True when any byte is the AAH wildcard.</summary>
    public bool HasWildcard
    {
        get
        {
            for (int i = 0; i < Length; i++)
            {
                if ((byte)(_bytes >> (8 * i)) == 0xAA) return true;
            }
            return false;
        }
    }

    /// <summary>Parses 12 characters: decimal digits, or AA pairs for wildcard bytes (e.g. <c>000000001234</c>, <c>AAAAAAAAAAAA</c>).</summary>
    public static bool TryParse(string? text, out Dlt645Address address)
    {
        address = default;
        if (text is null || text.Length != 2 * Length) return false;
        ulong value = 0;
        for (int i = 0; i < Length; i++)
        {
            char high = text[2 * i], low = text[2 * i + 1];
            byte b;
            if (high is 'A' or 'a' && low is 'A' or 'a') b = 0xAA;
            else if (char.IsAsciiDigit(high) && char.IsAsciiDigit(low)) b = (byte)((high - '0') << 4 | (low - '0'));
            else return false;
            value = value << 8 | b;
        }
        address = new Dlt645Address(value);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">Not 12 digits (or AA wildcard pairs).</exception>
    public static Dlt645Address Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is no DL/T 645 address: give 12 decimal digits, e.g. 000000001234.");

    /// <summary>An address from a number of at most 12 decimal digits (e.g. 1234 is 000000001234).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or more than 12 digits.</exception>
    public static Dlt645Address FromNumber(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999_999_999_999L);
        return Parse(number.ToString("D12", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the six address bytes as they are on the wire (A0, the low byte, first).</summary>
    public static Dlt645Address Read(ReadOnlySpan<byte> wire)
    {
        ulong value = 0;
        for (int i = Length - 1; i >= 0; i--) value = value << 8 | wire[i];
        return new Dlt645Address(value);
    }

    /// <summary>Writes the six address bytes in wire order (A0, the low byte, first).</summary>
    public void Write(Span<byte> wire)
    {
        for (int i = 0; i < Length; i++) wire[i] = (byte)(_bytes >> (8 * i));
    }

    /// <summary>True when a reply from <paramref name="replier"/> answers a request sent to this address (wildcard bytes match any).</summary>
    public bool Matches(Dlt645Address replier)
    {
        for (int i = 0; i < Length; i++)
        {
            byte mine = (byte)(_bytes >> (8 * i));
            if (mine != 0xAA && mine != (byte)(replier._bytes >> (8 * i))) return false;
        }
        return true;
    }

    /// <summary>The 12 characters, most significant digit first (wildcard bytes as AA).</summary>
    public override string ToString() => _bytes.ToString("X12", CultureInfo.InvariantCulture);
}
