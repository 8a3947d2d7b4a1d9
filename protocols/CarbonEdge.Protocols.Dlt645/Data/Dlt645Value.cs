using System.Globalization;

namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>
/// A decoded value: a number (exact, as <see cref="decimal"/> with the format's decimals) or a time read from the
/// meter (its own clock, no zone: the meter keeps local time).
/// </summary>
/// <param name="Kind">Which of <paramref name="Number"/> and <paramref name="Time"/> holds the value.</param>
/// <param name="Number">The number, for <see cref="Dlt645FormatKind.Number"/>.</param>
/// <param name="Time">The meter's local time: the date (Date), the time of day on 0001-01-01 (TimeOfDay), or both.</param>
public readonly record struct Dlt645Value(Dlt645FormatKind Kind, decimal Number, DateTime Time)
{
    /// <summary>A number.</summary>
    public static Dlt645Value OfNumber(decimal number) => new(Dlt645FormatKind.Number, number, default);

    /// <summary>A time of <paramref name="kind"/> (not <see cref="Dlt645FormatKind.Number"/>).</summary>
    public static Dlt645Value OfTime(Dlt645FormatKind kind, DateTime time) => new(kind, 0, DateTime.SpecifyKind(time, DateTimeKind.Unspecified));

    /// <summary>The value as printed: the number in invariant culture, a time as yyyy-MM-dd / HH:mm:ss.</summary>
    public override string ToString() => Kind switch
    {
        Dlt645FormatKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        Dlt645FormatKind.Date => Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Dlt645FormatKind.TimeOfDay => Time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        Dlt645FormatKind.DateTimeToMinute => Time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    };
}
