namespace CarbonEdge.Estimation;

/// <summary>A local calendar day in a time zone, as the UTC interval [Start, End) between its local midnights.</summary>
public static class LocalDay
{
    /// <summary>
    /// The UTC instants of local midnight starting <paramref name="day"/> and the next day. Where midnight does not
    /// exist (a daylight-saving jump at 00:00) the day starts at the first local instant after it; where it occurs
    /// twice, at the earlier one. For Asia/Shanghai (UTC+8, no DST) the day <c>2026-11-22</c> is
    /// [2026-11-21T16:00Z, 2026-11-22T16:00Z).
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) UtcBounds(DateOnly day, TimeZoneInfo zone) =>
        (Midnight(day, zone), Midnight(day.AddDays(1), zone));

    /// <summary>The local day holding a UTC instant.</summary>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
