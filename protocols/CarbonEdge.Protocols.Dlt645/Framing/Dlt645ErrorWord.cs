namespace CarbonEdge.Protocols.Dlt645.Framing;

/// <summary>The error word (ERR) a DL/T 645-2007 meter returns in an abnormal reply (D1H, D2H, …).</summary>
/// <remarks>DL/T 645-2007 §7.3.1 and Appendix B (error information word, Table B.1 in the 2007 text).</remarks>
[Flags]
public enum Dlt645ErrorWord : byte
{
    /// <summary>No bit set.</summary>
    None = 0,
    /// <summary>Bit 0: other error.</summary>
    OtherError = 0x01,
    /// <summary>Bit 1: no data requested (the meter has no such data identifier).</summary>
    NoRequestedData = 0x02,
    /// <summary>Bit 2: password wrong or not authorised.</summary>
    Unauthorized = 0x04,
    /// <summary>Bit 3: the communication rate cannot be changed.</summary>
    BaudRateUnchangeable = 0x08,
    /// <summary>Bit 4: number of annual time zones exceeded.</summary>
    AnnualTimeZonesExceeded = 0x10,
    /// <summary>Bit 5: number of daily time periods exceeded.</summary>
    DailyPeriodsExceeded = 0x20,
    /// <summary>Bit 6: number of tariffs exceeded.</summary>
    TariffsExceeded = 0x40,
    /// <summary>Bit 7: reserved.</summary>
    Reserved = 0x80,
}

/// <summary>The error byte a DL/T 645-1997 meter returns in an abnormal reply (C1H).</summary>
/// <remarks>DL/T 645-1997 §3.6 (error information word).</remarks>
[Flags]
public enum Dlt645ErrorWord1997 : byte
{
    /// <summary>No bit set.</summary>
    None = 0,
    /// <summary>Bit 0: illegal data.</summary>
    IllegalData = 0x01,
    /// <summary>Bit 1: data identifier wrong.</summary>
    BadDataIdentifier = 0x02,
    /// <summary>Bit 2: password wrong.</summary>
    BadPassword = 0x04,
    /// <summary>Bit 3: reserved.</summary>
    Reserved3 = 0x08,
    /// <summary>Bit 4: number of annual time zones exceeded.</summary>
    AnnualTimeZonesExceeded = 0x10,
    /// <summary>Bit 5: number of daily time periods exceeded.</summary>
    DailyPeriodsExceeded = 0x20,
    /// <summary>Bit 6: number of tariffs exceeded.</summary>
    TariffsExceeded = 0x40,
    /// <summary>Bit 7: reserved.</summary>
    Reserved7 = 0x80,
}

/// <summary>Names of the error bits, for messages and CLI output.</summary>
public static class Dlt645ErrorWords
{
    /// <summary>The set bits of a 2007 error word, named (e.g. <c>NoRequestedData</c>), or <c>None</c>.</summary>
    public static string Describe(Dlt645ErrorWord word) => $"0x{(byte)word:X2} ({word})";

    /// <summary>The set bits of a 1997 error byte, named.</summary>
    public static string Describe(Dlt645ErrorWord1997 word) => $"0x{(byte)word:X2} ({word})";
}
