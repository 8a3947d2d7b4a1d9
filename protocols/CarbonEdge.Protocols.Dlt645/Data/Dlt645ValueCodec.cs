namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>
/// Reads and writes one value of a <see cref="Dlt645DataFormat"/> from plain data bytes (33H already removed), low
/// byte first. Numbers are exact decimals; times are the meter's local time (years 2000–2099).
/// </summary>
/// <remarks>DL/T 645-2007 §6 and Appendix A (formats); §7.3.7 / Appendix A (YYMMDDWW, hhmmss, YYMMDDhhmm,
/// ssmmhhDDMMYY).</remarks>
public static class Dlt645ValueCodec
{
    /// <summary>Decodes the first <see cref="Dlt645DataFormat.Bytes"/> bytes of <paramref name="plain"/>; false when they are short, not BCD, or no valid time.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> plain, Dlt645DataFormat format, out Dlt645Value value)
    {
        value = default;
        if (plain.Length < format.Bytes) return false;
        var field = plain[..format.Bytes];
        if (format.Kind == Dlt645FormatKind.Number)
        {
            bool negative = false;
            ulong magnitude;
            if (format.Signed)
            {
                if (!Dlt645Bcd.TryReadSigned(field, out long signed)) return false;
                negative = signed < 0;
                magnitude = (ulong)Math.Abs(signed);
            }
            else if (!Dlt645Bcd.TryReadUnsigned(field, out magnitude)) return false;
            // The decimal keeps the format's decimals: 45678.90 prints as the meter shows it.
            value = Dlt645Value.OfNumber(new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)format.Decimals));
            return true;
        }
        Span<int> parts = stackalloc int[format.Bytes];
        for (int i = 0; i < format.Bytes; i++)
        {
            if (!Dlt645Bcd.TryReadUnsigned(field.Slice(i, 1), out ulong pair)) return false;
            parts[i] = (int)pair;
        }
        // parts are low byte first: e.g. YYMMDDWW arrives as WW DD MM YY.
        return format.Kind switch
        {
            Dlt645FormatKind.Date => TryTime(format.Kind, 2000 + parts[3], parts[2], parts[1], 0, 0, 0, out value),
            Dlt645FormatKind.TimeOfDay => TryTime(format.Kind, 1, 1, 1, parts[2], parts[1], parts[0], out value),
            Dlt645FormatKind.DateTimeToMinute => TryTime(format.Kind, 2000 + parts[4], parts[3], parts[2], parts[1], parts[0], 0, out value),
            _ => TryTime(format.Kind, 2000 + parts[5], parts[4], parts[3], parts[2], parts[1], parts[0], out value),
        };
    }

    /// <summary>Encodes <paramref name="value"/> into the first <see cref="Dlt645DataFormat.Bytes"/> bytes of <paramref name="plain"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number has more digits or decimals than the format, is negative for an unsigned format, or the year is outside 2000–2099.</exception>
    /// <exception cref="ArgumentException">The value's kind is not the format's.</exception>
    public static void Encode(Span<byte> plain, Dlt645DataFormat format, Dlt645Value value)
    {
        if (value.Kind != format.Kind) throw new ArgumentException($"a {value.Kind} value does not fit format {format.Picture}", nameof(value));
        var field = plain[..format.Bytes];
        if (format.Kind == Dlt645FormatKind.Number)
        {
            decimal scaled = value.Number * Scale(format.Decimals);
            if (scaled != decimal.Truncate(scaled)) throw new ArgumentOutOfRangeException(nameof(value), $"{value.Number} has more than {format.Decimals} decimals");
            if (format.Signed)
            {
                if (Math.Abs(scaled) > Dlt645Bcd.MaxSignedMagnitude(format.Bytes)) throw new ArgumentOutOfRangeException(nameof(value), $"{value.Number} does not fit {format.Picture}");
                Dlt645Bcd.WriteSigned(field, (long)scaled);
            }
            else
            {
                if (scaled < 0 || scaled > Dlt645Bcd.MaxUnsigned(format.Bytes)) throw new ArgumentOutOfRangeException(nameof(value), $"{value.Number} does not fit {format.Picture}");
                Dlt645Bcd.WriteUnsigned(field, (ulong)scaled);
            }
            return;
        }
        var t = value.Time;
        if (format.Kind != Dlt645FormatKind.TimeOfDay && t.Year is < 2000 or > 2099) throw new ArgumentOutOfRangeException(nameof(value), "DL/T 645 years are 2000-2099");
        int yy = t.Year % 100;
        ReadOnlySpan<int> parts = format.Kind switch
        {
            Dlt645FormatKind.Date => [(int)t.DayOfWeek, t.Day, t.Month, yy],
            Dlt645FormatKind.TimeOfDay => [t.Second, t.Minute, t.Hour],
            Dlt645FormatKind.DateTimeToMinute => [t.Minute, t.Hour, t.Day, t.Month, yy],
            _ => [t.Second, t.Minute, t.Hour, t.Day, t.Month, yy],
        };
        for (int i = 0; i < parts.Length; i++) Dlt645Bcd.WriteUnsigned(field.Slice(i, 1), (ulong)parts[i]);
    }

    /// <summary>
    /// Decodes every value of a reply's data: <paramref name="plain"/> holds whole values of <paramref name="format"/>
    /// back to back (one for a single identifier, several for a block). Returns <see cref="Framing.Dlt645FrameError.None"/>
    /// and the count, <see cref="Framing.Dlt645FrameError.BadLength"/> when the length is no multiple of the format's
    /// bytes (or zero, or more than <paramref name="values"/> holds), <see cref="Framing.Dlt645FrameError.BadBcd"/> when a
    /// value is no valid BCD number or time.
    /// </summary>
    public static Framing.Dlt645FrameError TryDecodeAll(ReadOnlySpan<byte> plain, Dlt645DataFormat format, Span<Dlt645Value> values, out int count)
    {
        count = 0;
        if (plain.IsEmpty || plain.Length % format.Bytes != 0 || plain.Length / format.Bytes > values.Length) return Framing.Dlt645FrameError.BadLength;
        for (int offset = 0; offset < plain.Length; offset += format.Bytes)
        {
            if (!TryDecode(plain[offset..], format, out values[count])) return Framing.Dlt645FrameError.BadBcd;
            count++;
        }
        return Framing.Dlt645FrameError.None;
    }

    private static decimal Scale(int decimals)
    {
        decimal scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        return scale;
    }

    private static bool TryTime(Dlt645FormatKind kind, int year, int month, int day, int hour, int minute, int second, out Dlt645Value value)
    {
        value = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        value = Dlt645Value.OfTime(kind, new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified));
        return true;
    }
}
