using System.Buffers.Binary;

namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Registers on the wire: 16 bits each, high byte first.</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §4.2 (big-endian representation of addresses and data items).</remarks>
public static class RegisterBytes
{
    /// <summary>Writes <paramref name="registers"/> big-endian into <paramref name="destination"/>.</summary>
    public static void Write(ReadOnlySpan<ushort> registers, Span<byte> destination)
    {
        for (int i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], registers[i]);
        }
    }

    /// <summary>Reads <c>registers.Length</c> big-endian registers from <paramref name="source"/>.</summary>
    public static void Read(ReadOnlySpan<byte> source, Span<ushort> registers)
    {
        for (int i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(source[(2 * i)..]);
        }
    }
}
