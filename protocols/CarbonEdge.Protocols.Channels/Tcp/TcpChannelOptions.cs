namespace CarbonEdge.Protocols.Channels;

/// <summary>Where and how a TCP connection is made (<see cref="TcpChannel"/>, and the Modbus TCP transport).</summary>
public sealed class TcpChannelOptions
{
    /// <summary>Default TCP port of Modbus TCP (IANA registered port 502).</summary>
    public const int DefaultPort = 502;

    /// <summary>Default connect timeout: 3 s.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Default first reconnect delay after a failure: 100 ms.</summary>
    public static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Default longest reconnect delay: 30 s.</summary>
    public static readonly TimeSpan DefaultMaxReconnectDelay = TimeSpan.FromSeconds(30);

    /// <summary>Host name or IP address of the device or serial device server.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port (default 502).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>How long one connect attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>
    /// Wait after a failed connect or a broken connection before the next attempt; doubles on each further failure
    /// (with ±20 % jitter) up to <see cref="MaxReconnectDelay"/>, and resets after a successful connect.
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = DefaultReconnectDelay;

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = DefaultMaxReconnectDelay;
}
