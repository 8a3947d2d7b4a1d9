namespace CarbonEdge.Protocols.Channels;

/// <summary>Parity of a serial line.</summary>
public enum SerialParity
{
    /// <summary>No parity bit (then Modbus asks for 2 stop bits; most meters use 1 anyway).</summary>
    None,
    /// <summary>Even parity (the Modbus serial line default).</summary>
    Even,
    /// <summary>Odd parity.</summary>
    Odd,
}

/// <summary>Line settings of a <see cref="SerialChannel"/>.</summary>
/// <remarks>Modbus over Serial Line V1.02 §2.5.1 (RTU character format: 1 start, 8 data, parity, stop bits).</remarks>
public sealed class SerialPortOptions
{
    /// <summary>Device path, e.g. <c>/dev/ttyUSB0</c> or a socat pty link.</summary>
    public required string Path { get; init; }

    /// <summary>Baud rate: 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200 (default 9600).</summary>
    public int Baud { get; init; } = 9600;

    /// <summary>Data bits, 7 or 8 (default 8; RTU needs 8).</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>Parity (default none).</summary>
    public SerialParity Parity { get; init; } = SerialParity.None;

    /// <summary>Stop bits, 1 or 2 (default 1).</summary>
    public int StopBits { get; init; } = 1;

    /// <summary>Bits one character takes on the line: start, data, parity, stop.</summary>
    public int BitsPerCharacter => 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + StopBits;

    /// <summary>
    /// t3.5, the silence that separates RTU frames: 3.5 character times, fixed at 1.75 ms above 19200 baud
    /// (Modbus over Serial Line V1.02 §2.5.1.1).
    /// </summary>
    public TimeSpan FrameGap => Baud > 19200 ? TimeSpan.FromMicroseconds(1750) : TimeSpan.FromSeconds(3.5 * BitsPerCharacter / Baud);

    /// <summary>E.g. <c>/dev/ttyUSB0 9600 8N1</c>.</summary>
    public override string ToString() => $"{Path} {Baud} {DataBits}{"NEO"[(int)Parity]}{StopBits}";
}
