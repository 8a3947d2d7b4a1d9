namespace CarbonEdge.Firmware.Core.Json
{
    /// <summary>
    /// Writes UTF-8 JSON text into a preallocated <c>byte[]</c> (nanoFramework has no StringBuilder, Encoding or
    /// streams): ASCII text with JSON escapes, integers, fixed-point numbers and RFC 3339 UTC timestamps, invariant
    /// (no culture anywhere). Never allocates; a write that does not fit sets <see cref="Overflowed"/>.
    /// </summary>
    public sealed class ByteWriter
    {
        private readonly byte[] _digits = new byte[20];

        /// <summary>A writer over <paramref name="buffer"/>.</summary>
        public ByteWriter(byte[] buffer) { Buffer = buffer; }

        /// <summary>The destination.</summary>
        public byte[] Buffer { get; }

        /// <summary>Bytes written so far.</summary>
        public int Position { get; set; }

        /// <summary>True once a write did not fit; the text is then incomplete.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>Starts over at position 0.</summary>
        public void Reset() { Position = 0; Overflowed = false; }

        /// <summary>Writes one byte.</summary>
        public void Byte(byte value)
        {
            if (Position >= Buffer.Length) { Overflowed = true; return; }
            Buffer[Position++] = value;
        }

        /// <summary>Writes bytes verbatim (pre-encoded ASCII such as ids and member names).</summary>
        public void Raw(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
                Byte(bytes[i]);
        }

        /// <summary>Writes a JSON string: quotes, then each character (quote, backslash and controls escaped; non-ASCII as \u escapes).</summary>
        public void String(string text)
        {
            Byte((byte)'"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\') { Byte((byte)'\\'); Byte((byte)c); }
                else if (c < 0x20 || c > 0x7E) { Byte((byte)'\\'); Byte((byte)'u'); Hex4(c); }
                else Byte((byte)c);
            }
            Byte((byte)'"');
        }

        /// <summary>Writes a JSON string from bytes that need no escaping (ids matching <c>[a-z0-9-]</c>, point names, units).</summary>
        public void QuotedRaw(byte[] ascii)
        {
            Byte((byte)'"');
            Raw(ascii);
            Byte((byte)'"');
        }

        /// <summary>Writes an integer in decimal.</summary>
        public void Integer(long value)
        {
            ulong magnitude;
            if (value < 0) { Byte((byte)'-'); magnitude = (ulong)(-(value + 1)) + 1; }
            else magnitude = (ulong)value;
            int n = 0;
            do { _digits[n++] = (byte)('0' + (int)(magnitude % 10)); magnitude /= 10; } while (magnitude != 0);
            while (n > 0)
                Byte(_digits[--n]);
        }

        /// <summary>
        /// Writes the fixed-point number <paramref name="scaled"/> / 10^<paramref name="decimals"/> (0..18), trailing
        /// zeros dropped: (12345678, 2) is <c>123456.78</c>, (-500000, 6) is <c>-0.5</c>, (50, 0) is <c>50</c>.
        /// </summary>
        public void Decimal(long scaled, int decimals)
        {
            long scale = 1;
            for (int i = 0; i < decimals; i++)
                scale *= 10;
            if (scaled < 0)
            {
                Byte((byte)'-');
                scaled = -scaled;
            }
            long units = scaled / scale, fraction = scaled % scale;
            Integer(units);
            if (fraction == 0)
                return;
            int width = decimals;
            while (fraction % 10 == 0) { fraction /= 10; width--; }
            Byte((byte)'.');
            long divisor = 1;
            for (int i = 1; i < width; i++)
                divisor *= 10;
            for (; divisor > 0; divisor /= 10)
                Byte((byte)('0' + (int)(fraction / divisor % 10)));
        }

        /// <summary>Writes a JSON string <c>"yyyy-MM-ddTHH:mm:ss.fffZ"</c> for <paramref name="unixMilliseconds"/> (RFC 3339, UTC).</summary>
        public void Timestamp(long unixMilliseconds)
        {
            long days = FloorDivide(unixMilliseconds, 86_400_000);
            long msOfDay = unixMilliseconds - days * 86_400_000;
            CivilDate.FromDays(days, out int year, out int month, out int day);
            Byte((byte)'"');
            Digits(year, 4); Byte((byte)'-'); Digits(month, 2); Byte((byte)'-'); Digits(day, 2);
            Byte((byte)'T');
            Digits((int)(msOfDay / 3_600_000), 2); Byte((byte)':');
            Digits((int)(msOfDay / 60_000 % 60), 2); Byte((byte)':');
            Digits((int)(msOfDay / 1000 % 60), 2); Byte((byte)'.');
            Digits((int)(msOfDay % 1000), 3);
            Byte((byte)'Z');
            Byte((byte)'"');
        }

        private void Digits(int value, int width)
        {
            int divisor = 1;
            for (int i = 1; i < width; i++)
                divisor *= 10;
            for (; divisor > 0; divisor /= 10)
                Byte((byte)('0' + value / divisor % 10));
        }

        /// <summary>Writes a byte as two lowercase hex digits.</summary>
        public void Hex2(int value)
        {
            Byte(HexDigit(value >> 4));
            Byte(HexDigit(value));
        }

        private static byte HexDigit(int value)
        {
            int nibble = value & 0xF;
            return (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }

        private void Hex4(int value)
        {
            Hex2(value >> 8);
            Hex2(value);
        }

        private static long FloorDivide(long value, long divisor) =>
            value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
    }
}
