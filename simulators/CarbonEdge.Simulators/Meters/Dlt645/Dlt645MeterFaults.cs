namespace CarbonEdge.Simulators.Meters.Dlt645;

/// <summary>
/// How a simulated DL/T 645 meter misbehaves, as the Modbus meter's fault switches: slow, silent, another meter's
/// address, a garbled check sum, an error word for every read, replies dribbled byte by byte; for all requests or a
/// random fraction (<see cref="Rate"/>). <see cref="Preamble"/> and <see cref="FollowUp"/> shape good replies.
/// </summary>
internal sealed record Dlt645MeterFaults
{
    /// <summary>Wait before each reply.</summary>
    public TimeSpan ResponseDelay { get; init; }
    /// <summary>Never reply.</summary>
    public bool Silent { get; init; }
    /// <summary>Reply with the address + 1.</summary>
    public bool WrongAddress { get; init; }
    /// <summary>Reply with a corrupted CS.</summary>
    public bool BadChecksum { get; init; }
    /// <summary>Answer every read with this error word (0: off).</summary>
    public byte ErrorWord { get; init; }
    /// <summary>Send replies one byte at a time, this far apart.</summary>
    public TimeSpan DribbleDelay { get; init; }
    /// <summary>Fraction of requests the faults above apply to.</summary>
    public double Rate { get; init; } = 1.0;
    /// <summary>Wake-up bytes FEH before each reply (0–4 is what meters send; any number is allowed here).</summary>
    public int Preamble { get; init; }
    /// <summary>Answer block reads in several frames (B1H, then 92H/B2H to 12H), two values per frame.</summary>
    public bool FollowUp { get; init; }
    /// <summary>
    /// The time one byte takes on the simulated line (bits per character / baud), or zero: before each reply the meter
    /// waits as long as the request and the reply would take on that line, so that a pty or TCP (which move bytes at
    /// once) paces a master as a real RS-485 line does. Not a fault: applies to every reply.
    /// </summary>
    public TimeSpan ByteTime { get; init; }
}
