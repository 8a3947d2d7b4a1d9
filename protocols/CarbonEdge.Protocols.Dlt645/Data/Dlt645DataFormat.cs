namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>How a data format's bytes are to be read.</summary>
public enum Dlt645FormatKind
{
    /// <summary>A BCD number with a fixed number of decimals (e.g. XXXXXX.XX).</summary>
    Number,
    /// <summary>YYMMDDWW: year (20YY), month, day, day of week (0 = Sunday); WW is the lowest byte on the wire.</summary>
    Date,
    /// <summary>hhmmss: time of day; ss is the lowest byte.</summary>
    TimeOfDay,
    /// <summary>YYMMDDhhmm: a freeze time to the minute; mm is the lowest byte.</summary>
    DateTimeToMinute,
    /// <summary>ssmmhhDDMMYY as read from the lowest byte up: the broadcast time sync's time to the second.</summary>
    DateTimeToSecond,
}

/// <summary>
/// A data format of the standard's data tables: the picture (e.g. <c>XXX.XXX</c>), bytes on the wire, decimals,
/// and whether the top bit of the most significant byte is a sign.
/// </summary>
/// <param name="Picture">The format as the standard writes it, e.g. <c>XXXXXX.XX</c> or <c>YYMMDDWW</c>.</param>
/// <param name="Bytes">Bytes per value on the wire.</param>
/// <param name="Decimals">Digits after the decimal point (numbers).</param>
/// <param name="Signed">True when the top bit of the most significant byte is the sign.</param>
/// <param name="Kind">Number or one of the time formats.</param>
/// <remarks>DL/T 645-2007 Appendix A (data formats in the data identifier tables A.1–A.6); DL/T 645-1997 §4.</remarks>
public sealed record Dlt645DataFormat(string Picture, int Bytes, int Decimals, bool Signed, Dlt645FormatKind Kind = Dlt645FormatKind.Number)
{
    /// <summary>XXXXXX.XX, 4 bytes, unsigned: energy registers (kWh, kvarh).</summary>
    public static Dlt645DataFormat Energy { get; } = new("XXXXXX.XX", 4, 2, Signed: false);
    /// <summary>XXXXXX.XX, 4 bytes, signed: combined active and combined reactive energy.</summary>
    public static Dlt645DataFormat SignedEnergy { get; } = new("XXXXXX.XX", 4, 2, Signed: true);
    /// <summary>XXX.X, 2 bytes: voltage (V).</summary>
    public static Dlt645DataFormat Voltage { get; } = new("XXX.X", 2, 1, Signed: false);
    /// <summary>XXX.XXX, 3 bytes, signed: current (A).</summary>
    public static Dlt645DataFormat Current { get; } = new("XXX.XXX", 3, 3, Signed: true);
    /// <summary>XX.XXXX, 3 bytes, signed: active, reactive and apparent power (kW, kvar, kVA).</summary>
    public static Dlt645DataFormat Power { get; } = new("XX.XXXX", 3, 4, Signed: true);
    /// <summary>X.XXX, 2 bytes, signed: power factor.</summary>
    public static Dlt645DataFormat PowerFactor { get; } = new("X.XXX", 2, 3, Signed: true);
    /// <summary>XX.XX, 2 bytes: grid frequency (Hz).</summary>
    public static Dlt645DataFormat Frequency { get; } = new("XX.XX", 2, 2, Signed: false);
    /// <summary>YYMMDDWW, 4 bytes: the meter's date (04000101).</summary>
    public static Dlt645DataFormat Date { get; } = new("YYMMDDWW", 4, 0, Signed: false, Dlt645FormatKind.Date);
    /// <summary>hhmmss, 3 bytes: the meter's time (04000102).</summary>
    public static Dlt645DataFormat Time { get; } = new("hhmmss", 3, 0, Signed: false, Dlt645FormatKind.TimeOfDay);
    /// <summary>YYMMDDhhmm, 5 bytes: a freeze time (05060001).</summary>
    public static Dlt645DataFormat FreezeTime { get; } = new("YYMMDDhhmm", 5, 0, Signed: false, Dlt645FormatKind.DateTimeToMinute);
    /// <summary>ssmmhhDDMMYY, 6 bytes: the broadcast time sync's data (08H).</summary>
    public static Dlt645DataFormat SyncTime { get; } = new("ssmmhhDDMMYY", 6, 0, Signed: false, Dlt645FormatKind.DateTimeToSecond);
    /// <summary>1997 XXX, 2 bytes: voltage in whole volts.</summary>
    public static Dlt645DataFormat Voltage1997 { get; } = new("XXX", 2, 0, Signed: false);
    /// <summary>1997 XX.XX, 2 bytes: current (A).</summary>
    public static Dlt645DataFormat Current1997 { get; } = new("XX.XX", 2, 2, Signed: false);
    /// <summary>1997 XX.XXXX, 3 bytes, unsigned: active power (kW).</summary>
    public static Dlt645DataFormat Power1997 { get; } = new("XX.XXXX", 3, 4, Signed: false);
    /// <summary>1997 XX.XX, 2 bytes, unsigned: reactive power (kvar).</summary>
    public static Dlt645DataFormat ReactivePower1997 { get; } = new("XX.XX", 2, 2, Signed: false);
    /// <summary>1997 X.XXX, 2 bytes, unsigned: power factor.</summary>
    public static Dlt645DataFormat PowerFactor1997 { get; } = new("X.XXX", 2, 3, Signed: false);

    /// <summary>Every format above, for tests and documentation.</summary>
    public static IReadOnlyList<Dlt645DataFormat> All { get; } =
    [
        Energy, SignedEnergy, Voltage, Current, Power, PowerFactor, Frequency, Date, Time, FreezeTime, SyncTime,
        Voltage1997, Current1997, Power1997, ReactivePower1997, PowerFactor1997,
    ];
}
