namespace CarbonEdge.Protocols.Dlt645.Framing;

/// <summary>
/// DL/T 645 framing: <c>[FE…] 68 A0..A5 68 C L DATA CS 16</c>. DATA is sent with 33H added to every byte, CS is the
/// modulo-256 sum of every byte from the first 68H through DATA. The end of a frame is found from L, never by looking
/// for 16H (a frame whose CS is 16H parses like any other). The same framing serves DL/T 645-1997.
/// </summary>
/// <remarks>DL/T 645-2007 §7.1 (frame format; wake-up bytes FEH before a frame, §7.4 transmission);
/// DL/T 645-1997 §3 (same frame layout).</remarks>
public static class Dlt645Framing
{
    /// <summary>Start and end bytes.</summary>
    public const byte StartByte = 0x68, EndByte = 0x16;

    /// <summary>The wake-up byte sent before a frame (DL/T 645-2007 §7.4).</summary>
    public const byte WakeUpByte = 0xFE;

    /// <summary>The offset added to every data byte on the wire.</summary>
    public const byte DataOffset = 0x33;

    /// <summary>Bytes around the data field: 68, six address bytes, 68, C, L, CS, 16.</summary>
    public const int Overhead = 12;

    /// <summary>Longest data field (L is one byte).</summary>
    public const int MaxDataLength = 255;

    /// <summary>Most wake-up bytes this library sends (the standard's senders use up to four).</summary>
    public const int MaxPreamble = 4;

    /// <summary>Longest frame without wake-up bytes.</summary>
    public const int MaxFrameLength = Overhead + MaxDataLength;

    /// <summary>Bytes without a start byte the decoder holds before it drops them as noise.</summary>
    public const int MaxLeadingBytes = 1024;

    /// <summary>Bytes a frame with <paramref name="dataLength"/> data bytes and <paramref name="preamble"/> wake-up bytes takes.</summary>
    public static int FrameLength(int dataLength, int preamble = 0) => preamble + Overhead + dataLength;

    /// <summary>
    /// Writes <paramref name="preamble"/> wake-up bytes and a frame carrying <paramref name="data"/> (plain bytes: the
    /// 33H offset is added here); returns the bytes written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than 255 data bytes or a negative preamble.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short (see <see cref="FrameLength"/>).</exception>
    public static int Encode(Span<byte> destination, int preamble, Dlt645Address address, Dlt645ControlCode control, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxDataLength);
        ArgumentOutOfRangeException.ThrowIfNegative(preamble);
        int total = FrameLength(data.Length, preamble);
        if (destination.Length < total) throw new ArgumentException($"a {total}-byte frame does not fit in {destination.Length} bytes", nameof(destination));
        destination[..preamble].Fill(WakeUpByte);
        var frame = destination.Slice(preamble, total - preamble);
        frame[0] = StartByte;
        address.Write(frame[1..7]);
        frame[7] = StartByte;
        frame[8] = (byte)control;
        frame[9] = (byte)data.Length;
        AddOffset(data, frame.Slice(10, data.Length));
        frame[10 + data.Length] = Checksum(frame[..(10 + data.Length)]);
        frame[11 + data.Length] = EndByte;
        return total;
    }

    /// <summary>
    /// Decodes one frame from <paramref name="input"/>. Bytes before the first 68H are skipped: wake-up bytes FEH and
    /// line noise alike, and counted in <paramref name="consumed"/> of a Complete frame. NeedMoreData consumes nothing:
    /// input of only wake-up bytes, or a valid prefix of a frame. Invalid consumes what must be dropped:
    /// <see cref="Dlt645FrameError.BadStart"/> the bytes through the false 68H (decoding resumes after it),
    /// <see cref="Dlt645FrameError.BadChecksum"/> and <see cref="Dlt645FrameError.BadEnd"/> the whole frame as L
    /// gave it, <see cref="Dlt645FrameError.NoStart"/> input with no 68H that is noise (or more than
    /// <see cref="MaxLeadingBytes"/> wake-up bytes). Never throws.
    /// </summary>
    public static Dlt645DecodeStatus TryDecode(ReadOnlySpan<byte> input, out Dlt645Frame frame, out int consumed, out Dlt645FrameError error)
    {
        frame = default;
        consumed = 0;
        error = Dlt645FrameError.None;
        int start = input.IndexOf(StartByte);
        if (start < 0)
        {
            if (input.Length <= MaxLeadingBytes && !input.ContainsAnyExcept(WakeUpByte)) return Dlt645DecodeStatus.NeedMoreData;
            return Reject(Dlt645FrameError.NoStart, input.Length, out consumed, out error);
        }
        var rest = input[start..];
        if (rest.Length >= 8 && rest[7] != StartByte) return Reject(Dlt645FrameError.BadStart, start + 1, out consumed, out error);
        if (rest.Length < 10) return Dlt645DecodeStatus.NeedMoreData;
        int dataLength = rest[9];
        int length = Overhead + dataLength;
        if (rest.Length < length) return Dlt645DecodeStatus.NeedMoreData;
        if (Checksum(rest[..(10 + dataLength)]) != rest[10 + dataLength]) return Reject(Dlt645FrameError.BadChecksum, start + length, out consumed, out error);
        if (rest[11 + dataLength] != EndByte) return Reject(Dlt645FrameError.BadEnd, start + length, out consumed, out error);
        frame = new Dlt645Frame(Dlt645Address.Read(rest[1..7]), (Dlt645ControlCode)rest[8], rest.Slice(10, dataLength));
        consumed = start + length;
        return Dlt645DecodeStatus.Complete;
    }

    /// <summary>The modulo-256 sum of <paramref name="bytes"/> (CS over 68H through DATA).</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        foreach (byte b in bytes) sum += b;
        return (byte)sum;
    }

    /// <summary>Writes <paramref name="plain"/> plus 33H per byte (as sent) into <paramref name="wire"/>.</summary>
    public static void AddOffset(ReadOnlySpan<byte> plain, Span<byte> wire)
    {
        if (wire.Length < plain.Length) throw new ArgumentException("destination too short", nameof(wire));
        for (int i = 0; i < plain.Length; i++) wire[i] = (byte)(plain[i] + DataOffset);
    }

    /// <summary>Writes <paramref name="wire"/> minus 33H per byte (as meant) into <paramref name="plain"/>.</summary>
    public static void RemoveOffset(ReadOnlySpan<byte> wire, Span<byte> plain)
    {
        if (plain.Length < wire.Length) throw new ArgumentException("destination too short", nameof(plain));
        for (int i = 0; i < wire.Length; i++) plain[i] = (byte)(wire[i] - DataOffset);
    }

    private static Dlt645DecodeStatus Reject(Dlt645FrameError reason, int length, out int consumed, out Dlt645FrameError error)
    {
        consumed = length;
        error = reason;
        return Dlt645DecodeStatus.Invalid;
    }
}
