using System.Globalization;
using System.Text.RegularExpressions;

namespace CarbonEdge.Protocols.Telemetry;

/// <summary>RFC 3339 timestamps as the contract writes them: UTC, milliseconds, <c>Z</c>.</summary>
public static partial class Timestamps
{
    /// <summary>Format written on the wire, e.g. <c>2026-11-22T01:00:00.123Z</c>.</summary>
    public const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Drops sub-millisecond ticks and converts to UTC: the identity the cloud keys on.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    /// <summary>Formats as <see cref="WireFormat"/> (UTC).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an RFC 3339 date-time (section 5.6): <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)</c>.
    /// A time without zone designator is refused. The result is converted to UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (!Rfc3339().IsMatch(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// Parses exactly the <see cref="WireFormat"/> in UTF-8 (<c>2026-11-22T01:00:00.123Z</c>, 24 bytes) without allocating:
    /// the form every gateway writes, so the cloud reads a batch's timestamps on this path. False for anything else
    /// (another RFC 3339 form, a leap second, an invalid date), which <see cref="TryParse"/> then decides on.
    /// </summary>
    public static bool TryParseWire(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        if (utf8.Length != 24 || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':' || utf8[19] != '.' || utf8[23] != 'Z')
            return false;
        if (!TryDigits(utf8[..4], out int year) || !TryDigits(utf8.Slice(5, 2), out int month) || !TryDigits(utf8.Slice(8, 2), out int day)
            || !TryDigits(utf8.Slice(11, 2), out int hour) || !TryDigits(utf8.Slice(14, 2), out int minute) || !TryDigits(utf8.Slice(17, 2), out int second)
            || !TryDigits(utf8.Slice(20, 3), out int millisecond))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (byte b in utf8)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
