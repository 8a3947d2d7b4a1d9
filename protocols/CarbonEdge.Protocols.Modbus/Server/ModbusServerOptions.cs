namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>How a TCP server frames requests on its connections.</summary>
public enum ModbusTcpFraming
{
    /// <summary>Modbus TCP: MBAP header (port 502 devices).</summary>
    Mbap,
    /// <summary>RTU frames with CRC over TCP, as serial device servers and DTUs pass them through.</summary>
    Rtu,
}

/// <summary>Settings of a <see cref="ModbusTcpServer"/>.</summary>
public sealed class ModbusServerOptions
{
    /// <summary>Default for <see cref="MaxConnections"/>.</summary>
    public const int DefaultMaxConnections = 64;

    /// <summary>Default for <see cref="RtuFrameGap"/> on TCP: 20 ms.</summary>
    public static readonly TimeSpan DefaultTcpRtuFrameGap = TimeSpan.FromMilliseconds(20);

    /// <summary>MBAP (default) or RTU over TCP.</summary>
    public ModbusTcpFraming Framing { get; init; } = ModbusTcpFraming.Mbap;

    /// <summary>Connections served at once; further clients are closed on accept.</summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>
    /// RTU framing: the silence after which a partial frame is judged complete (frames of unknown function codes,
    /// garbage). On a serial line this is t3.5; over TCP packet timing is meaningless, so it is longer.
    /// </summary>
    public TimeSpan RtuFrameGap { get; init; } = DefaultTcpRtuFrameGap;

    /// <summary>Fault injection switches (may be changed while serving).</summary>
    public ModbusServerFaults Faults { get; init; } = new();
}
