namespace CarbonEdge.Protocols.Hj212.Framing;

/// <summary>Outcome of a span decoder: a whole packet, a prefix that needs more bytes, or bytes that are no valid packet.</summary>
public enum DecodeStatus
{
    /// <summary>A whole packet was decoded; <c>consumed</c> says how many bytes it took.</summary>
    Complete,
    /// <summary>The input is a valid prefix; nothing was consumed.</summary>
    NeedMoreData,
    /// <summary>The input is not a valid packet; the <see cref="Hj212FrameError"/> says why and <c>consumed</c> how many bytes to drop.</summary>
    Invalid,
}

/// <summary>Why a packet was rejected by the framing layer (HJ 212-2017 §6.3.1, Table 3).</summary>
public enum Hj212FrameError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The packet does not start with the header <c>##</c>; the bytes up to the next <c>#</c> are dropped.</summary>
    BadHeader,
    /// <summary>The data-segment length is not 4 decimal digits, or the packet does not end where it says (no CR LF there).</summary>
    BadLength,
    /// <summary>The CRC field is not 4 hexadecimal digits.</summary>
    BadCrcField,
    /// <summary>The CRC does not match the data segment (under the link's <see cref="Hj212CrcMode"/>).</summary>
    BadCrc,
}
