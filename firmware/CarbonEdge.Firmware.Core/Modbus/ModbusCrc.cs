namespace CarbonEdge.Firmware.Core.Modbus
{
    /// <summary>
    /// CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first.
    /// </summary>
    /// <remarks>Modbus over Serial Line V1.02 §6.2.2 and Appendix B.</remarks>
    public static class ModbusCrc
    {
        /// <summary>The CRC of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static int Compute(byte[] buffer, int offset, int count)
        {
            int crc = 0xFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= buffer[i];
                for (int bit = 0; bit < 8; bit++)
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
            return crc;
        }
    }
}
