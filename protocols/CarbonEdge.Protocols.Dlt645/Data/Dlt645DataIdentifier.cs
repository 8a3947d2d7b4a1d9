using System.Buffers.Binary;
using System.Globalization;

namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>
/// A data identifier (DI): four bytes DI3 DI2 DI1 DI0 in DL/T 645-2007 (written as 8 hex digits, DI3 first, e.g.
/// <c>00010000</c> forward active energy total), two bytes DI1 DI0 in DL/T 645-1997 (e.g. <c>9010</c>). On the wire
/// DI0 goes first (low byte first), each byte plus 33H like all data.
/// </summary>
/// <remarks>DL/T 645-2007 §6 and Appendix A (data identifiers); DL/T 645-1997 §4 (data identifiers).</remarks>
public readonly record struct Dlt645DataIdentifier(uint Value, Dlt645Version Version = Dlt645Version.V2007)
{
    /// <summary>Bytes of the identifier on the wire: 4 (2007) or 2 (1997).</summary>
    public int Length => Version == Dlt645Version.V2007 ? 4 : 2;

    /// <summary>Byte <paramref name="index"/> (0 = DI0, the lowest).</summary>
    public byte this[int index] => (byte)(Value >> (8 * index));

    /// <summary>Parses 8 hex digits (2007) or 4 hex digits (1997), DI3 (DI1) first.</summary>
    public static bool TryParse(string? text, out Dlt645DataIdentifier identifier)
    {
        identifier = default;
        if (text is null || text.Length is not (8 or 4)) return false;
        if (!uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value)) return false;
        identifier = new Dlt645DataIdentifier(value, text.Length == 8 ? Dlt645Version.V2007 : Dlt645Version.V1997);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">Not 8 (2007) or 4 (1997) hex digits.</exception>
    public static Dlt645DataIdentifier Parse(string text) =>
        TryParse(text, out var identifier) ? identifier : throw new FormatException($"'{text}' is no data identifier: give 8 hex digits (DL/T 645-2007, e.g. 00010000) or 4 (1997, e.g. 9010).");

    /// <summary>Writes the identifier as plain bytes, DI0 first (little-endian), without the 33H offset.</summary>
    public void Write(Span<byte> plain)
    {
        if (Version == Dlt645Version.V2007) BinaryPrimitives.WriteUInt32LittleEndian(plain, Value);
        else BinaryPrimitives.WriteUInt16LittleEndian(plain, (ushort)Value);
    }

    /// <summary>Reads an identifier of <paramref name="version"/> from plain bytes, DI0 first (little-endian).</summary>
    public static Dlt645DataIdentifier Read(ReadOnlySpan<byte> plain, Dlt645Version version) =>
        version == Dlt645Version.V2007
            ? new(BinaryPrimitives.ReadUInt32LittleEndian(plain), version)
            : new(BinaryPrimitives.ReadUInt16LittleEndian(plain), version);

    /// <summary>8 (or 4) hex digits, DI3 first.</summary>
    public override string ToString() => Version == Dlt645Version.V2007
        ? Value.ToString("X8", CultureInfo.InvariantCulture)
        : Value.ToString("X4", CultureInfo.InvariantCulture);
}
