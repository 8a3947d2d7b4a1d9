namespace CarbonEdge.Firmware.Core.Text
{
    /// <summary>
    /// Culture-free number parsing for the configuration file (nanoFramework has no CultureInfo; the host's parse
    /// methods follow the current culture). Accepts plain ASCII digits only.
    /// </summary>
    public static class AsciiNumbers
    {
        /// <summary>Parses an optionally signed decimal integer.</summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 10)
                return false;
            bool negative = text[0] == '-';
            int i = negative ? 1 : 0;
            if (i == text.Length)
                return false;
            long result = 0;
            for (; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                    return false;
                result = result * 10 + digit;
            }
            value = (int)(negative ? -result : result);
            return true;
        }

        /// <summary>Parses hexadecimal digits (no prefix), up to 8 of them.</summary>
        public static bool TryParseHex(string text, out uint value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 8)
                return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0)
                    return false;
                value = (value << 4) | (uint)digit;
            }
            return true;
        }

        /// <summary>Parses a decimal number such as <c>0.01</c> or <c>-12.5</c> (no exponent).</summary>
        public static bool TryParseDecimal(string text, out double value)
        {
            value = 0;
            int point = text.IndexOf('.');
            if (point < 0)
            {
                bool ok = TryParseInt(text, out int whole);
                value = whole;
                return ok;
            }
            string integer = text.Substring(0, point), fraction = text.Substring(point + 1);
            bool negative = integer.Length > 0 && integer[0] == '-';
            if (fraction.Length == 0 || fraction.Length > 9 || fraction[0] == '-' ||
                !TryParseInt(negative ? integer.Substring(1) : integer.Length == 0 ? "0" : integer, out int units) ||
                !TryParseInt(fraction, out int digits))
                return false;
            double divisor = 1;
            for (int i = 0; i < fraction.Length; i++)
                divisor *= 10;
            value = units + digits / divisor;
            if (negative)
                value = -value;
            return true;
        }
    }
}
