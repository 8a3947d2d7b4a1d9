namespace CarbonEdge.Firmware.Core.Modbus
{
    /// <summary>Turns register bytes (big-endian registers, Modbus Application Protocol §4.2) into a number.</summary>
    public static class RegisterDecoder
    {
        /// <summary>Registers a value of <paramref name="type"/> occupies: 1 or 2.</summary>
        public static int RegisterCount(RegisterType type) =>
            type == RegisterType.UInt16 || type == RegisterType.Int16 ? 1 : 2;

        /// <summary>
        /// Decodes the value at <paramref name="offset"/>. <paramref name="wordSwap"/> puts the low word first
        /// (many meters' "CDAB" order). False for a float NaN or infinity.
        /// </summary>
        public static bool TryDecode(byte[] buffer, int offset, RegisterType type, bool wordSwap, out double value)
        {
            int first = (buffer[offset] << 8) | buffer[offset + 1];
            if (type == RegisterType.UInt16) { value = first; return true; }
            if (type == RegisterType.Int16) { value = (short)first; return true; }
            int second = (buffer[offset + 2] << 8) | buffer[offset + 3];
            uint bits = wordSwap ? ((uint)second << 16) | (uint)first : ((uint)first << 16) | (uint)second;
            if (type == RegisterType.UInt32) { value = bits; return true; }
            if (type == RegisterType.Int32) { value = (int)bits; return true; }
            return TryFromBinary32(bits, out value);
        }

        /// <summary>IEEE 754 binary32 bits to a number, computed (no host byte order involved). False for NaN and infinity.</summary>
        public static bool TryFromBinary32(uint bits, out double value)
        {
            int exponent = (int)((bits >> 23) & 0xFF);
            uint mantissa = bits & 0x7FFFFF;
            value = 0;
            if (exponent == 0xFF)
                return false;
            double magnitude = exponent == 0
                ? mantissa * PowerOfTwo(-149)
                : (mantissa | 0x800000) * PowerOfTwo(exponent - 150);
            value = (bits & 0x80000000) != 0 ? -magnitude : magnitude;
            return true;
        }

        private static double PowerOfTwo(int exponent)
        {
            double result = 1;
            double factor = exponent < 0 ? 0.5 : 2;
            for (int i = exponent < 0 ? -exponent : exponent; i > 0; i--)
                result *= factor;
            return result;
        }
    }
}
