using System.Buffers.Binary;
using System.Text;

namespace CarbonEdge.Protocols.Modbus.Data;

/// <summary>
/// Decodes point values from registers and encodes them back (the simulator writes values this way), for every
/// <see cref="ModbusDataType"/> and <see cref="WordOrder"/>. Registers are first put into big-endian byte order
/// (undoing the word order), then read with <see cref="BinaryPrimitives"/>.
/// </summary>
public static class ModbusValueCodec
{
    /// <summary>Registers one value of <paramref name="type"/> spans; for strings, <paramref name="stringLength"/> characters.</summary>
    public static int RegisterCount(ModbusDataType type, int stringLength = 0) => type switch
    {
        ModbusDataType.Bit or ModbusDataType.Int16 or ModbusDataType.UInt16 or ModbusDataType.Bcd16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 or ModbusDataType.Bcd32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        ModbusDataType.String => (stringLength + 1) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// Decodes a number of <paramref name="type"/> from the first registers of <paramref name="registers"/>;
    /// false for BCD with a nibble above 9. For <see cref="ModbusDataType.Bit"/>, <paramref name="bit"/> (0-15) picks the bit.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is <see cref="ModbusDataType.String"/>, or too few registers.</exception>
    public static bool TryDecode(ReadOnlySpan<ushort> registers, ModbusDataType type, WordOrder order, out double value, int bit = 0)
    {
        if (type == ModbusDataType.String) throw new ArgumentException("strings decode with DecodeString", nameof(type));
        int count = RegisterCount(type);
        if (registers.Length < count) throw new ArgumentException($"{type} needs {count} registers, {registers.Length} given", nameof(registers));
        Span<byte> bytes = stackalloc byte[8];
        ToBigEndian(registers[..count], order, bytes);
        value = type switch
        {
            ModbusDataType.Bit => (registers[0] >> bit) & 1,
            ModbusDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            ModbusDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            ModbusDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            ModbusDataType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            ModbusDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(bytes),
            ModbusDataType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            ModbusDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes),
            ModbusDataType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            ModbusDataType.Bcd16 => FromBcd(BinaryPrimitives.ReadUInt16BigEndian(bytes), 4),
            _ => FromBcd(BinaryPrimitives.ReadUInt32BigEndian(bytes), 8),
        };
        return !double.IsNegative(value) || type is not (ModbusDataType.Bcd16 or ModbusDataType.Bcd32);
    }

    /// <summary>Decodes a number; throws for invalid BCD.</summary>
    /// <exception cref="FormatException">BCD with a nibble above 9.</exception>
    public static double Decode(ReadOnlySpan<ushort> registers, ModbusDataType type, WordOrder order, int bit = 0) =>
        TryDecode(registers, type, order, out double value, bit) ? value : throw new FormatException("register is not valid BCD");

    /// <summary>
    /// Encodes <paramref name="value"/> as <paramref name="type"/> into the first registers of <paramref name="destination"/>.
    /// Integers are rounded to the nearest and must fit the type.
    /// </summary>
    /// <exception cref="OverflowException">The value does not fit the type.</exception>
    public static void Encode(double value, ModbusDataType type, WordOrder order, Span<ushort> destination, int bit = 0)
    {
        if (type == ModbusDataType.String) throw new ArgumentException("strings encode with EncodeString", nameof(type));
        int count = RegisterCount(type);
        if (destination.Length < count) throw new ArgumentException($"{type} needs {count} registers", nameof(destination));
        if (type == ModbusDataType.Bit)
        {
            ushort mask = (ushort)(1 << bit);
            destination[0] = value != 0 ? (ushort)(destination[0] | mask) : (ushort)(destination[0] & ~mask);
            return;
        }
        Span<byte> bytes = stackalloc byte[8];
        double rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        switch (type)
        {
            case ModbusDataType.Int16: BinaryPrimitives.WriteInt16BigEndian(bytes, checked((short)rounded)); break;
            case ModbusDataType.UInt16: BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)rounded)); break;
            case ModbusDataType.Int32: BinaryPrimitives.WriteInt32BigEndian(bytes, checked((int)rounded)); break;
            case ModbusDataType.UInt32: BinaryPrimitives.WriteUInt32BigEndian(bytes, checked((uint)rounded)); break;
            case ModbusDataType.Int64: BinaryPrimitives.WriteInt64BigEndian(bytes, checked((long)rounded)); break;
            case ModbusDataType.UInt64: BinaryPrimitives.WriteUInt64BigEndian(bytes, checked((ulong)rounded)); break;
            case ModbusDataType.Float32: BinaryPrimitives.WriteSingleBigEndian(bytes, (float)value); break;
            case ModbusDataType.Float64: BinaryPrimitives.WriteDoubleBigEndian(bytes, value); break;
            case ModbusDataType.Bcd16: BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)ToBcd(rounded, 4)); break;
            case ModbusDataType.Bcd32: BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)ToBcd(rounded, 8)); break;
        }
        FromBigEndian(bytes[..(2 * count)], order, destination[..count]);
    }

    /// <summary>
    /// Decodes ASCII text, two characters a register (first character in the high byte for ABCD/CDAB, low byte for
    /// BADC/DCBA); stops at the first NUL and trims trailing spaces.
    /// </summary>
    public static string DecodeString(ReadOnlySpan<ushort> registers, WordOrder order)
    {
        Span<byte> bytes = registers.Length <= 128 ? stackalloc byte[2 * registers.Length] : new byte[2 * registers.Length];
        bool swap = order is WordOrder.BADC or WordOrder.DCBA;
        for (int i = 0; i < registers.Length; i++)
        {
            bytes[2 * i] = (byte)(swap ? registers[i] : registers[i] >> 8);
            bytes[2 * i + 1] = (byte)(swap ? registers[i] >> 8 : registers[i]);
        }
        int end = bytes.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? bytes : bytes[..end]).TrimEnd(' ');
    }

    /// <summary>Encodes text into <paramref name="destination"/> (padded with NUL), as <see cref="DecodeString"/> reads it.</summary>
    public static void EncodeString(string value, WordOrder order, Span<ushort> destination)
    {
        if (value.Length > 2 * destination.Length) throw new ArgumentException("text longer than the registers hold", nameof(value));
        bool swap = order is WordOrder.BADC or WordOrder.DCBA;
        for (int i = 0; i < destination.Length; i++)
        {
            int first = 2 * i < value.Length ? (byte)value[2 * i] : 0;
            int second = 2 * i + 1 < value.Length ? (byte)value[2 * i + 1] : 0;
            destination[i] = (ushort)(swap ? second << 8 | first : first << 8 | second);
        }
    }

    /// <summary>Parses a type name as used in configs and on the command line: <c>float32</c>, <c>uint16</c>, <c>bcd</c>, ...</summary>
    public static bool TryParseType(string name, out ModbusDataType type)
    {
        switch (name.ToLowerInvariant())
        {
            case "bcd": type = ModbusDataType.Bcd16; return true;
            case "float": type = ModbusDataType.Float32; return true;
            case "double": type = ModbusDataType.Float64; return true;
            case "bool" or "coil": type = ModbusDataType.Bit; return true;
        }
        return Enum.TryParse(name, ignoreCase: true, out type) && Enum.IsDefined(type) && !char.IsDigit(name[0]);
    }

    /// <summary>The lowercase config name of <paramref name="type"/>, e.g. <c>float32</c>.</summary>
    public static string TypeName(ModbusDataType type) => type.ToString().ToLowerInvariant();

    /// <summary>Puts registers into big-endian byte order, undoing <paramref name="order"/>.</summary>
    public static void ToBigEndian(ReadOnlySpan<ushort> registers, WordOrder order, Span<byte> bytes)
    {
        bool swapWords = order is WordOrder.CDAB or WordOrder.DCBA;
        bool swapBytes = order is WordOrder.BADC or WordOrder.DCBA;
        int n = registers.Length;
        for (int i = 0; i < n; i++)
        {
            ushort register = registers[swapWords ? n - 1 - i : i];
            bytes[2 * i] = (byte)(swapBytes ? register : register >> 8);
            bytes[2 * i + 1] = (byte)(swapBytes ? register >> 8 : register);
        }
    }

    /// <summary>Puts big-endian bytes into registers in <paramref name="order"/> (inverse of <see cref="ToBigEndian"/>).</summary>
    public static void FromBigEndian(ReadOnlySpan<byte> bytes, WordOrder order, Span<ushort> registers)
    {
        bool swapWords = order is WordOrder.CDAB or WordOrder.DCBA;
        bool swapBytes = order is WordOrder.BADC or WordOrder.DCBA;
        int n = registers.Length;
        for (int i = 0; i < n; i++)
        {
            byte high = bytes[2 * i], low = bytes[2 * i + 1];
            registers[swapWords ? n - 1 - i : i] = swapBytes ? (ushort)(low << 8 | high) : (ushort)(high << 8 | low);
        }
    }

    private static double FromBcd(ulong packed, int digits)
    {
        ulong result = 0;
        for (int i = digits - 1; i >= 0; i--)
        {
            ulong digit = (packed >> (4 * i)) & 0xF;
            if (digit > 9) return -1;
            result = result * 10 + digit;
        }
        return result;
    }

    private static ulong ToBcd(double value, int digits)
    {
        if (value < 0 || value >= Math.Pow(10, digits)) throw new OverflowException($"{value} does not fit {digits} BCD digits");
        ulong remaining = (ulong)value, packed = 0;
        for (int i = 0; i < digits; i++, remaining /= 10)
        {
            packed |= (remaining % 10) << (4 * i);
        }
        return packed;
    }
}
