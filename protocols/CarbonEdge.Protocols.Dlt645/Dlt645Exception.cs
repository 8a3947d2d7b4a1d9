using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;

namespace CarbonEdge.Protocols.Dlt645;

/// <summary>
/// Base of every error the DL/T 645 library reports: catch this to handle any failed exchange (error word, garbled
/// frame, timeout, lost connection) in one place.
/// </summary>
public class Dlt645Exception : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public Dlt645Exception(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public Dlt645Exception(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>The meter answered with an abnormal reply (D1H, D2H; C1H in 1997) carrying an error word.</summary>
/// <remarks>DL/T 645-2007 §7.3.2 (abnormal reply) and Appendix B (error word); DL/T 645-1997 §3.6.</remarks>
public sealed class Dlt645DeviceException : Dlt645Exception
{
    /// <summary>Creates the exception for <paramref name="errorWord"/> returned by a meter of <paramref name="version"/>.</summary>
    public Dlt645DeviceException(byte errorWord, Dlt645Version version, string? detail = null)
        : base($"meter answered error word {Describe(errorWord, version)}" + (detail is null ? "" : $" ({detail})"))
    {
        ErrorWord = errorWord;
        Version = version;
    }

    /// <summary>The error word as sent.</summary>
    public byte ErrorWord { get; }

    /// <summary>The protocol edition, which names the bits.</summary>
    public Dlt645Version Version { get; }

    /// <summary>The error word's bits named, e.g. <c>0x02 (NoRequestedData)</c>.</summary>
    public static string Describe(byte errorWord, Dlt645Version version) => version == Dlt645Version.V2007
        ? Dlt645ErrorWords.Describe((Dlt645ErrorWord)errorWord)
        : Dlt645ErrorWords.Describe((Dlt645ErrorWord1997)errorWord);
}

/// <summary>A reply broke the protocol: bad checksum or end byte, wrong address, control code or DI, bad length or BCD.</summary>
public sealed class Dlt645ProtocolException : Dlt645Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> with details.</summary>
    public Dlt645ProtocolException(Dlt645FrameError error, string message) : base(message) => Error = error;

    /// <summary>What was wrong with the reply.</summary>
    public Dlt645FrameError Error { get; }
}

/// <summary>No (complete) reply arrived within the response timeout, after every retry.</summary>
public sealed class Dlt645TimeoutException : Dlt645Exception
{
    /// <summary>Creates the exception for a wait of <paramref name="timeout"/>.</summary>
    public Dlt645TimeoutException(TimeSpan timeout, string? detail = null)
        : base($"no reply within {timeout.TotalMilliseconds:0} ms" + (detail is null ? "" : $" ({detail})")) => Timeout = timeout;

    /// <summary>The response timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The serial port or TCP connection could not be opened or broke; wraps the channel's error.</summary>
public sealed class Dlt645ConnectionException : Dlt645Exception
{
    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public Dlt645ConnectionException(string message, Exception? innerException = null) : base(message, innerException) { }
}
