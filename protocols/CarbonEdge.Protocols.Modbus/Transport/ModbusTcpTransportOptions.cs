using CarbonEdge.Protocols.Channels;
namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>Settings of a <see cref="ModbusTcpTransport"/> (MBAP framing).</summary>
public sealed class ModbusTcpTransportOptions
{
    /// <summary>Default response timeout: 1 s.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Largest <see cref="MaxInFlight"/>.</summary>
    public const int MaxInFlightLimit = 64;

    /// <summary>How long to wait for a whole response after the request was sent.</summary>
    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>
    /// Requests that may be outstanding on the connection at once, told apart by transaction id (default 1:
    /// strictly one request at a time; at most <see cref="MaxInFlightLimit"/>). Set above 1 only for servers that read
    /// pipelined requests one by one and answer each (libmodbus and <see cref="Server.ModbusTcpServer"/> do); further
    /// callers wait for a free slot.
    /// </summary>
    public int MaxInFlight { get; init; } = 1;
}
