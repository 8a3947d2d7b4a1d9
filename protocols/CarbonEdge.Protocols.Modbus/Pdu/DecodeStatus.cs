namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Outcome of a span decoder: a whole frame, a prefix that needs more bytes, or bytes that are no valid frame.</summary>
public enum DecodeStatus
{
    /// <summary>A whole frame was decoded; <c>consumed</c> says how many bytes it took.</summary>
    Complete,
    /// <summary>The input is a valid prefix; nothing was consumed.</summary>
    NeedMoreData,
    /// <summary>The input is not a valid frame; the <see cref="FrameError"/> says why.</summary>
    Invalid,
}

/// <summary>Why a frame or PDU was rejected.</summary>
public enum FrameError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>RTU CRC-16 does not match the frame.</summary>
    BadCrc,
    /// <summary>MBAP protocol identifier is not 0 (Modbus).</summary>
    BadProtocolId,
    /// <summary>A length field is out of range, or the frame is shorter or longer than its fields say.</summary>
    BadLength,
    /// <summary>The function code is not one this library decodes.</summary>
    UnknownFunction,
    /// <summary>The response's function code is not the request's.</summary>
    UnexpectedFunction,
    /// <summary>The response came from another unit id than the request went to.</summary>
    WrongUnitId,
    /// <summary>The MBAP transaction id does not match an outstanding request.</summary>
    WrongTransactionId,
    /// <summary>The byte count does not match the quantity requested.</summary>
    BadByteCount,
    /// <summary>A field holds a value the standard does not allow (e.g. a coil value other than 0x0000/0xFF00).</summary>
    BadValue,
    /// <summary>A write response does not echo the request's address, quantity or value.</summary>
    EchoMismatch,
}
