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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
