using System.Buffers.Binary;
using System.Text;

namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>
/// Writes the MQTT data types into a span sized beforehand by the matching <c>Size</c> helpers
/// (the formatters compute a packet's length first, then write it in one pass).
/// </summary>
/// <remarks>MQTT 3.1.1 §1.5; MQTT 5.0 §1.5.</remarks>
internal ref struct MqttSpanWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    /// <summary>Bytes written so far.</summary>
    public int Position { get; private set; }

    /// <summary>Size of a UTF-8 Encoded String field: 2 + UTF-8 byte count.</summary>
    /// <exception cref="ArgumentException">The string encodes to more than 65,535 bytes.</exception>
    public static int StringSize(string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue) throw new ArgumentException($"An MQTT string holds at most 65,535 UTF-8 bytes; this one has {count}.", nameof(value));
        return 2 + count;
    }

    /// <summary>Size of a Binary Data field: 2 + length.</summary>
    /// <exception cref="ArgumentException">Longer than 65,535 bytes.</exception>
    public static int BinarySize(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue) throw new ArgumentException($"MQTT binary data holds at most 65,535 bytes; this one has {value.Length}.", nameof(value));
        return 2 + value.Length;
    }

    public void WriteByte(byte value) => _destination[Position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[Position..], value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[Position..], value);
        Position += 4;
    }

    public void WriteVariableByteInteger(int value) => Position += MqttVariableByteInteger.Write(_destination[Position..], value);

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_destination[Position..]);
        Position += value.Length;
    }

    public void WriteString(string value)
    {
        int count = Encoding.UTF8.GetBytes(value, _destination[(Position + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(_destination[Position..], (ushort)count);
        Position += 2 + count;
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    /// <summary>Fixed header: first byte and Remaining Length.</summary>
    public void WriteFixedHeader(byte firstByte, int remainingLength)
    {
        WriteByte(firstByte);
        WriteVariableByteInteger(remainingLength);
    }
}
