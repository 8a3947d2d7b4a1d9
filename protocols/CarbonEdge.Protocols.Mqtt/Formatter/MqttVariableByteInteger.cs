namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>
/// Variable Byte Integer: 7 bits a byte, least significant group first, bit 7 set when another byte follows;
/// 1 to 4 bytes, 0 .. 268,435,455. Used for the Remaining Length and (MQTT 5) property lengths and identifiers.
/// </summary>
/// <remarks>MQTT 3.1.1 §2.2.3 (Table 2.4); MQTT 5.0 §1.5.5 (Table 1-1).</remarks>
public static class MqttVariableByteInteger
{
    /// <summary>Largest value four bytes hold: 268,435,455 (0xFF 0xFF 0xFF 0x7F).</summary>
    public const int MaxValue = 268_435_455;

    /// <summary>Number of bytes <paramref name="value"/> takes (1..4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or above <see cref="MaxValue"/>.</exception>
    public static int GetSize(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : 4;
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or above <see cref="MaxValue"/>.</exception>
    public static int Write(Span<byte> destination, int value)
    {
        int size = GetSize(value);
        for (int i = 0; i < size; i++)
        {
            byte digit = (byte)(value & 0x7F);
            value >>= 7;
            destination[i] = i < size - 1 ? (byte)(digit | 0x80) : digit;
        }
        return size;
    }

    /// <summary>
    /// Reads a Variable Byte Integer. <see cref="DecodeStatus.NeedMoreData"/> when the input stops while bit 7 is set
    /// (consumes nothing); <see cref="DecodeStatus.Invalid"/> when the fourth byte still has bit 7 set.
    /// </summary>
    public static DecodeStatus TryRead(ReadOnlySpan<byte> input, out int value, out int consumed)
    {
        value = 0;
        consumed = 0;
        int result = 0;
        for (int i = 0; i < 4; i++)
        {
            if (i >= input.Length) return DecodeStatus.NeedMoreData;
            byte b = input[i];
            result |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                value = result;
                consumed = i + 1;
                return DecodeStatus.Complete;
            }
        }
        return DecodeStatus.Invalid;
    }
}
