namespace CarbonEdge.Protocols.Hj212.Framing;

/// <summary>
/// The two CRCs seen on HJ 212 links, over the data segment only, written as 4 hexadecimal digits.
/// </summary>
/// <remarks>
/// HJ 212-2017 Appendix A: register 0xFFFF; for each byte <c>reg = (reg &gt;&gt; 8) ^ byte</c>, then 8 shifts right
/// with XOR 0xA001 when the bit shifted out is 1. This is not CRC-16/MODBUS (which XORs the byte into the low byte
/// without first shifting the register); the standard's own example
/// <c>QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&amp;&amp;RtdInterval=30&amp;&amp;</c>
/// ends in <c>1C80</c> under Appendix A and would end in <c>0759</c> under CRC-16/MODBUS.
/// </remarks>
public static class Hj212Crc
{
    // T[i] = i shifted right 8 times with XOR 0xA001 when the bit shifted out is 1. In Appendix A's loop the value
    // shifted is (reg >> 8) ^ byte, which is below 256, so each byte is one lookup: reg = T[(reg >> 8) ^ byte].
    private static readonly ushort[] Table = CreateTable();

    /// <summary>The HJ 212-2017 Appendix A CRC of <paramref name="dataSegment"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> dataSegment)
    {
        ushort register = 0xFFFF;
        foreach (byte b in dataSegment)
        {
            register = Table[(register >> 8) ^ b];
        }
        return register;
    }

    /// <summary>CRC-16/MODBUS (reflected 0x8005, initial 0xFFFF, no final XOR) of <paramref name="dataSegment"/>.</summary>
    public static ushort ComputeModbus(ReadOnlySpan<byte> dataSegment)
    {
        ushort register = 0xFFFF;
        foreach (byte b in dataSegment)
        {
            register = (ushort)((register >> 8) ^ Table[(register ^ b) & 0xFF]);
        }
        return register;
    }

    /// <summary>The CRC <paramref name="kind"/> of <paramref name="dataSegment"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> dataSegment, Hj212CrcKind kind) =>
        kind == Hj212CrcKind.Modbus ? ComputeModbus(dataSegment) : Compute(dataSegment);

    private static ushort[] CreateTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int value = i;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ 0xA001 : value >> 1;
            }
            table[i] = (ushort)value;
        }
        return table;
    }
}
