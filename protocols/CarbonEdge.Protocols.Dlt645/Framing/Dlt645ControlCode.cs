namespace CarbonEdge.Protocols.Dlt645.Framing;

/// <summary>
/// The control code byte C: D7 direction (1 = reply from the meter), D6 abnormal reply, D5 follow-up frames exist,
/// D4..D0 the function. The named values are the ones this library sends and understands.
/// </summary>
/// <remarks>DL/T 645-2007 §7.1 (control code C, Figure 3) and §7.3; DL/T 645-1997 §3.3 (control code C).</remarks>
public enum Dlt645ControlCode : byte
{
    /// <summary>2007: broadcast time sync (address 99…99, no reply), data ssmmhhDDMMYY. 1997 uses the same code.</summary>
    BroadcastTimeSync = 0x08,
    /// <summary>2007: read data; data DI0..DI3 (optionally a block count and a time).</summary>
    ReadData = 0x11,
    /// <summary>2007: read follow-up data; data DI0..DI3 and the frame sequence number SEQ.</summary>
    ReadFollowUp = 0x12,
    /// <summary>2007: read communication address (point-to-point, address AA…AA, L = 0).</summary>
    ReadAddress = 0x13,
    /// <summary>2007: normal reply to read data, no follow-up.</summary>
    ReadDataReply = 0x91,
    /// <summary>2007: normal reply to read data, follow-up frames exist (read them with 12H).</summary>
    ReadDataReplyMore = 0xB1,
    /// <summary>2007: abnormal reply to read data; data is the error word (<see cref="Dlt645ErrorWord"/>).</summary>
    ReadDataError = 0xD1,
    /// <summary>2007: normal reply to read follow-up, the last frame.</summary>
    ReadFollowUpReply = 0x92,
    /// <summary>2007: normal reply to read follow-up, more frames exist.</summary>
    ReadFollowUpReplyMore = 0xB2,
    /// <summary>2007: abnormal reply to read follow-up.</summary>
    ReadFollowUpError = 0xD2,
    /// <summary>2007: reply to read address; data is the meter's address (A0 first).</summary>
    ReadAddressReply = 0x93,
    /// <summary>1997: read data; data DI0 DI1 (two bytes).</summary>
    ReadData1997 = 0x01,
    /// <summary>1997: normal reply to read data.</summary>
    ReadDataReply1997 = 0x81,
    /// <summary>1997: normal reply to read data, follow-up frames exist.</summary>
    ReadDataReplyMore1997 = 0xA1,
    /// <summary>1997: abnormal reply to read data; data is the error byte (<see cref="Dlt645ErrorWord1997"/>).</summary>
    ReadDataError1997 = 0xC1,
}

/// <summary>The bits of the control code.</summary>
/// <remarks>DL/T 645-2007 §7.1, Figure 3.</remarks>
public static class Dlt645ControlBits
{
    /// <summary>D7: the frame is a reply from the meter.</summary>
    public const byte Reply = 0x80;
    /// <summary>D6: abnormal reply (the data field is an error word).</summary>
    public const byte Abnormal = 0x40;
    /// <summary>D5: follow-up frames exist.</summary>
    public const byte FollowUp = 0x20;
    /// <summary>D4..D0: the function.</summary>
    public const byte FunctionMask = 0x1F;

    /// <summary>True when <paramref name="code"/> is a reply.</summary>
    public static bool IsReply(Dlt645ControlCode code) => ((byte)code & Reply) != 0;

    /// <summary>True when <paramref name="code"/> is an abnormal reply.</summary>
    public static bool IsAbnormal(Dlt645ControlCode code) => ((byte)code & (Reply | Abnormal)) == (Reply | Abnormal);

    /// <summary>True when <paramref name="code"/> announces follow-up frames.</summary>
    public static bool HasFollowUp(Dlt645ControlCode code) => ((byte)code & FollowUp) != 0;

    /// <summary>The function bits D4..D0 of <paramref name="code"/>.</summary>
    public static int Function(Dlt645ControlCode code) => (byte)code & FunctionMask;
}
