namespace CarbonEdge.Protocols.Hj212;

/// <summary>
/// Base of every error the HJ 212 library reports to callers that prefer exceptions (hosts, CLIs). The decoders
/// themselves never throw on wire data: they return <see cref="Framing.DecodeStatus.Invalid"/> with a reason.
/// </summary>
public class Hj212Exception : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public Hj212Exception(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public Hj212Exception(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A packet broke HJ 212-2017: bad framing, CRC, length, or a data segment that does not parse.</summary>
/// <remarks>HJ 212-2017 §6.3 (communication packet structure).</remarks>
public sealed class Hj212ProtocolException : Hj212Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/> with details.</summary>
    public Hj212ProtocolException(string reason, string message) : base(message) => Reason = reason;

    /// <summary>The short reason (<c>bad_crc</c>, <c>bad_length</c>, <c>garbled_cp</c>, ...).</summary>
    public string Reason { get; }
}
