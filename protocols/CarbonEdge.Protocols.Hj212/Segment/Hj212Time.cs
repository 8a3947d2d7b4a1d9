using System.Globalization;

namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>
/// HJ 212 times: <c>YYYYMMDDhhmmss</c> (DataTime, SystemTime) and <c>YYYYMMDDhhmmsszzz</c> (QN), in the station's
/// local time (the standard carries no zone).
/// </summary>
/// <remarks>HJ 212-2017 §6.6.2 (QN) and Table 6/7 (DataTime, SystemTime).</remarks>
public static class Hj212Time
{
    /// <summary>Parses 14 digits (seconds) or 17 digits (milliseconds, as some HJ/T 212-2005 units send DataTime).</summary>
    public static bool TryParse(string? text, out DateTime time)
    {
        time = default;
        return text is { Length: 14 or 17 }
            && DateTime.TryParseExact(text, text.Length == 14 ? "yyyyMMddHHmmss" : "yyyyMMddHHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>DataTime/SystemTime text: 14 digits.</summary>
    public static string Format(DateTime time) => time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>QN text: 17 digits, milliseconds included.</summary>
    public static string FormatQn(DateTime time) => time.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
}
