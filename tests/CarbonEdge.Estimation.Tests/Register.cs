using System.Globalization;
using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Estimation.Tests;

/// <summary>Builds register readings for tests. Day 2026-11-22 in Asia/Shanghai is [2026-11-21T16:00Z, 2026-11-22T16:00Z).</summary>
internal static class Register
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public static readonly DateOnly Day = new(2026, 11, 22);
    public static readonly DateTimeOffset DayStart = At("2026-11-21T16:00:00Z");

    public static DateTimeOffset At(string rfc3339) => DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture);

    public static RegisterReading Good(string rfc3339, double kwh) => new(At(rfc3339), kwh, ReadingQuality.Good);

    /// <summary><paramref name="count"/> good readings from <paramref name="from"/> every <paramref name="step"/>, value start + k x increment.</summary>
    public static List<RegisterReading> Every(DateTimeOffset from, TimeSpan step, int count, double start, double increment) =>
        [.. Enumerable.Range(0, count).Select(k => new RegisterReading(from + k * step, start + k * increment, ReadingQuality.Good))];

    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
}
