using CarbonEdge.Protocols.Channels;
namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>Settings of a <see cref="ModbusRtuTransport"/>.</summary>
/// <remarks>Modbus over Serial Line V1.02 §2.4.1 (master states: response timeout, turnaround delay) and §2.5.1.1 (t3.5).</remarks>
public sealed class ModbusRtuTransportOptions
{
    /// <summary>Default response timeout: 1 s.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Default turnaround delay after a broadcast: 100 ms.</summary>
    public static readonly TimeSpan DefaultTurnaroundDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait for a whole response after the request was sent.</summary>
    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>
    /// The silence that separates frames on the line: t3.5 on a serial port (<see cref="SerialPortOptions.FrameGap"/>);
    /// every request waits until the line has been quiet this long. Over TCP it has no timing meaning (default 0).
    /// </summary>
    public TimeSpan FrameGap { get; init; }

    /// <summary>Extra quiet time before each request, for slow devices that need more than t3.5 between frames.</summary>
    public TimeSpan InterFrameDelay { get; init; }

    /// <summary>After a broadcast (unit 0), which nothing answers, wait this long before the next request so devices can act on it.</summary>
    public TimeSpan TurnaroundDelay { get; init; } = DefaultTurnaroundDelay;
}
