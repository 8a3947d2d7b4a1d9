namespace CarbonEdge.Protocols.Dlt645.Client;

/// <summary>Timing and framing of a <see cref="Dlt645Client"/>.</summary>
/// <remarks>DL/T 645-2007 §7.4 (wake-up bytes; the meter answers within 500 ms, Tr 20–500 ms; bytes of a frame no
/// more than 500 ms apart).</remarks>
public sealed class Dlt645ClientOptions
{
    /// <summary>Default wake-up bytes before each request: 4.</summary>
    public const int DefaultPreamble = 4;

    /// <summary>Default response timeout: 1 s (the standard's 500 ms answer time plus a 2400-baud reply of ~220 bytes' slack).</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Default quiet time between a reply and the next request: 20 ms.</summary>
    public static readonly TimeSpan DefaultInterFrameDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>Default wait after a broadcast, which gets no reply: 100 ms.</summary>
    public static readonly TimeSpan DefaultTurnaroundDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Wake-up bytes FEH sent before each request, 0–4 (default 4).</summary>
    public int Preamble { get; init; } = DefaultPreamble;

    /// <summary>How long to wait for a whole reply (default 1 s).</summary>
    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>Further attempts after a timeout or a garbled reply (default 1); an error word is not retried.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Quiet time between a reply and the next request (default 20 ms).</summary>
    public TimeSpan InterFrameDelay { get; init; } = DefaultInterFrameDelay;

    /// <summary>Wait after a broadcast (default 100 ms).</summary>
    public TimeSpan TurnaroundDelay { get; init; } = DefaultTurnaroundDelay;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming a setting out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Preamble);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Preamble, Framing.Dlt645Framing.MaxPreamble);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(Retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(InterFrameDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(TurnaroundDelay, TimeSpan.Zero);
    }
}
