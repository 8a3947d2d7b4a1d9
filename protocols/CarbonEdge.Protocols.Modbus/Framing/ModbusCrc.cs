namespace CarbonEdge.Protocols.Modbus.Framing;

/// <summary>
/// CRC-16/MODBUS: polynomial 0x8005 reflected (0xA001), initial value 0xFFFF, no final XOR; sent low byte first.
/// </summary>
/// <remarks>Modbus over Serial Line V1.02 §2.5.1.2 and Appendix B (CRC generation).</remarks>
public static class ModbusCrc
{
    private static readonly ushort[] Table = CreateTable();

    /// <summary>The CRC of <paramref name="data"/> (a frame without its two CRC bytes).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }
        return crc;
    }

    private static ushort[] CreateTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort value = (ushort)i;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (ushort)((value >> 1) ^ 0xA001) : (ushort)(value >> 1);
            }
            table[i] = value;
        }
        return table;
    }
}
