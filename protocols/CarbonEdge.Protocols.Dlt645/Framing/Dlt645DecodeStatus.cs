namespace CarbonEdge.Protocols.Dlt645.Framing;

/// <summary>Outcome of a DL/T 645 span decoder: a whole frame, a prefix that needs more bytes, or bytes that are no valid frame.</summary>
public enum Dlt645DecodeStatus
{
    /// <summary>A whole frame was decoded; <c>consumed</c> says how many bytes it took (wake-up bytes and noise before it included).</summary>
    Complete,
    /// <summary>The input is a valid prefix (possibly only wake-up bytes); nothing was consumed.</summary>
    NeedMoreData,
    /// <summary>The input is not a valid frame; the <see cref="Dlt645FrameError"/> says why and <c>consumed</c> how many bytes to drop.</summary>
    Invalid,
}

/// <summary>Why a DL/T 645 frame or data field was rejected.</summary>
public enum Dlt645FrameError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>A start byte 68H is not followed, after the six address bytes, by the second 68H (DL/T 645-2007 §7.1).</summary>
    BadStart,
    /// <summary>The check sum CS is not the modulo-256 sum from the first 68H through the data field (DL/T 645-2007 §7.1, CS).</summary>
    BadChecksum,
    /// <summary>The byte after CS is not the end byte 16H.</summary>
    BadEnd,
    /// <summary>More bytes than the longest frame went by without a start byte; they are dropped.</summary>
    NoStart,
    /// <summary>The data field is shorter or longer than the message it carries needs.</summary>
    BadLength,
    /// <summary>A data byte is no valid BCD digit pair (after removing 33H).</summary>
    BadBcd,
    /// <summary>The reply's address is not the request's.</summary>
    WrongAddress,
    /// <summary>The reply's control code is not an answer to the request's.</summary>
    UnexpectedControlCode,
    /// <summary>The reply's data identifier is not the one requested.</summary>
    WrongDataIdentifier,
}
