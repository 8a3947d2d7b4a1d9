using System.Text;

namespace CarbonEdge.Protocols.Hj212.Framing;

/// <summary>
/// HJ 212-2017 communication packet: <c>##</c> + data-segment length (4 decimal digits) + data segment + CRC
/// (4 hexadecimal digits, over the data segment only) + CR LF.
/// </summary>
/// <remarks>HJ 212-2017 §6.3.1, Table 3 (packet structure); CRC: Appendix A.</remarks>
public static class Hj212Framing
{
    /// <summary>Bytes around the data segment: <c>##</c>, 4 length digits, 4 CRC digits, CR LF.</summary>
    public const int Overhead = 2 + 4 + 4 + 2;

    /// <summary>Largest data segment the 4-digit length can announce.</summary>
    public const int MaxDataSegmentLength = 9999;

    /// <summary>Largest packet: <see cref="MaxDataSegmentLength"/> + <see cref="Overhead"/>.</summary>
    public const int MaxPacketLength = MaxDataSegmentLength + Overhead;

    /// <summary>
    /// Decodes one packet from the start of <paramref name="input"/>. Incomplete input consumes nothing
    /// (<see cref="DecodeStatus.NeedMoreData"/>); an invalid packet consumes the bytes to drop before trying again
    /// (up to the next <c>#</c> for a bad header, the whole packet for a bad CRC, the <c>##</c> for a bad length so
    /// the next header is found). Never throws on wire data.
    /// </summary>
    /// <param name="input">Received bytes, starting where the previous packet ended.</param>
    /// <param name="crcMode">Which CRC the link accepts.</param>
    /// <param name="frame">The packet when <see cref="DecodeStatus.Complete"/>.</param>
    /// <param name="consumed">Bytes taken (Complete) or to drop (Invalid); 0 for NeedMoreData.</param>
    /// <param name="error">Why the packet is invalid.</param>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> input, Hj212CrcMode crcMode, out Hj212Frame? frame, out int consumed, out Hj212FrameError error)
    {
        frame = null;
        consumed = 0;
        error = Hj212FrameError.None;
        if (input.IsEmpty) return DecodeStatus.NeedMoreData;
        if (input[0] != (byte)'#' || (input.Length > 1 && input[1] != (byte)'#'))
        {
            int next = input[1..].IndexOf((byte)'#');
            consumed = next < 0 ? input.Length : next + 1;
            error = Hj212FrameError.BadHeader;
            return DecodeStatus.Invalid;
        }
        int digits = Math.Min(input.Length - 2, 4);
        for (int i = 0; i < digits; i++)
        {
            if (!char.IsAsciiDigit((char)input[2 + i])) return Reject(Hj212FrameError.BadLength, 2, out consumed, out error);
        }
        if (input.Length < 6) return DecodeStatus.NeedMoreData;
        int length = (input[2] - '0') * 1000 + (input[3] - '0') * 100 + (input[4] - '0') * 10 + (input[5] - '0');
        int total = length + Overhead;
        if (input.Length < total)
        {
            // A CR LF before the announced end means the length is wrong: packets carry no CR LF inside.
            return input[6..].IndexOf("\r\n"u8) >= 0 ? Reject(Hj212FrameError.BadLength, 2, out consumed, out error) : DecodeStatus.NeedMoreData;
        }
        var packet = input[..total];
        if (packet[^2] != (byte)'\r' || packet[^1] != (byte)'\n' || packet[6..^2].IndexOf("\r\n"u8) >= 0)
        {
            return Reject(Hj212FrameError.BadLength, 2, out consumed, out error);
        }
        var data = packet.Slice(6, length);
        if (!TryParseHex(packet.Slice(6 + length, 4), out ushort carried)) return Reject(Hj212FrameError.BadCrcField, total, out consumed, out error);
        Hj212CrcKind? matched = crcMode switch
        {
            Hj212CrcMode.Hj212 => Hj212Crc.Compute(data) == carried ? Hj212CrcKind.Hj212 : null,
            Hj212CrcMode.Modbus => Hj212Crc.ComputeModbus(data) == carried ? Hj212CrcKind.Modbus : null,
            _ => Hj212Crc.Compute(data) == carried ? Hj212CrcKind.Hj212 : Hj212Crc.ComputeModbus(data) == carried ? Hj212CrcKind.Modbus : null,
        };
        if (matched is not { } kind) return Reject(Hj212FrameError.BadCrc, total, out consumed, out error);
        frame = new Hj212Frame(Encoding.UTF8.GetString(data), kind);
        consumed = total;
        return DecodeStatus.Complete;
    }

    /// <summary>Writes a packet around <paramref name="dataSegment"/> into <paramref name="destination"/>.</summary>
    /// <returns>Bytes written: the data segment's length + <see cref="Overhead"/>.</returns>
    /// <exception cref="ArgumentException">The data segment is longer than 9999 bytes or the destination too small.</exception>
    public static int Encode(ReadOnlySpan<byte> dataSegment, Span<byte> destination, Hj212CrcKind crc = Hj212CrcKind.Hj212)
    {
        if (dataSegment.Length > MaxDataSegmentLength)
            throw new ArgumentException($"data segment of {dataSegment.Length} bytes: HJ 212 allows at most {MaxDataSegmentLength}; split it (Flag D, PNUM/PNO)", nameof(dataSegment));
        int total = dataSegment.Length + Overhead;
        if (destination.Length < total) throw new ArgumentException($"destination needs {total} bytes, has {destination.Length}", nameof(destination));
        destination[0] = (byte)'#';
        destination[1] = (byte)'#';
        WriteDecimal4(dataSegment.Length, destination.Slice(2, 4));
        dataSegment.CopyTo(destination[6..]);
        WriteHex4(Hj212Crc.Compute(dataSegment, crc), destination.Slice(6 + dataSegment.Length, 4));
        destination[total - 2] = (byte)'\r';
        destination[total - 1] = (byte)'\n';
        return total;
    }

    /// <summary>The packet around the ASCII data segment <paramref name="dataSegment"/>, as a new array.</summary>
    /// <exception cref="ArgumentException">The data segment is longer than 9999 bytes.</exception>
    public static byte[] Encode(string dataSegment, Hj212CrcKind crc = Hj212CrcKind.Hj212)
    {
        var data = Encoding.UTF8.GetBytes(dataSegment);
        var packet = new byte[data.Length + Overhead];
        Encode(data, packet, crc);
        return packet;
    }

    private static DecodeStatus Reject(Hj212FrameError why, int drop, out int consumed, out Hj212FrameError error)
    {
        consumed = drop;
        error = why;
        return DecodeStatus.Invalid;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> field, out ushort value)
    {
        value = 0;
        foreach (byte b in field)
        {
            int nibble = char.IsAsciiDigit((char)b) ? b - '0' : b is >= (byte)'A' and <= (byte)'F' ? b - 'A' + 10 : b is >= (byte)'a' and <= (byte)'f' ? b - 'a' + 10 : -1;
            if (nibble < 0) return false;
            value = (ushort)((value << 4) | nibble);
        }
        return true;
    }

    private static void WriteDecimal4(int value, Span<byte> destination)
    {
        for (int i = 3; i >= 0; i--, value /= 10) destination[i] = (byte)('0' + value % 10);
    }

    private static void WriteHex4(ushort value, Span<byte> destination)
    {
        for (int i = 3; i >= 0; i--, value >>= 4) destination[i] = (byte)"0123456789ABCDEF"[value & 0xF];
    }
}
