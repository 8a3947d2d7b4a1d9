namespace CarbonEdge.Firmware.Core.Dlt645
{
    /// <summary>DL/T 645-2007 data values: BCD, low byte first, each byte + 0x33 on the wire (§7.1.5, Appendix A formats).</summary>
    public static class Dlt645Bcd
    {
        /// <summary>
        /// Decodes <paramref name="length"/> wire bytes at <paramref name="offset"/> as BCD with <paramref name="decimals"/>
        /// fraction digits (e.g. energy XXXXXX.XX: 4 bytes, 2 decimals). With <paramref name="signed"/> the top bit of the
        /// last (most significant) byte is the sign (Appendix A: power, current, power factor). False on a non-BCD digit.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, int length, int decimals, bool signed, out double value)
        {
            long digits = 0;
            bool negative = false;
            for (int i = length - 1; i >= 0; i--)
            {
                int b = (byte)(buffer[offset + i] - 0x33);
                if (signed && i == length - 1)
                {
                    negative = (b & 0x80) != 0;
                    b &= 0x7F;
                }
                int high = b >> 4, low = b & 0x0F;
                if (high > 9 || low > 9)
                {
                    value = 0;
                    return false;
                }
                digits = digits * 100 + high * 10 + low;
            }
            double divisor = 1;
            for (int i = 0; i < decimals; i++)
                divisor *= 10;
            double scaled = digits / divisor;
            value = negative ? -scaled : scaled;
            return true;
        }

        /// <summary>Parses a 12-digit meter address (as printed on the nameplate) into its 6 wire bytes, low byte first.</summary>
        public static bool TryParseAddress(string digits, byte[] address)
        {
            if (digits.Length != 12)
                return false;
            for (int i = 0; i < 6; i++)
            {
                int high = digits[10 - 2 * i] - '0', low = digits[11 - 2 * i] - '0';
                if (high < 0 || high > 9 || low < 0 || low > 9)
                    return false;
                address[i] = (byte)((high << 4) | low);
            }
            return true;
        }
    }
}
