using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation;

/// <summary>Calendar granularity of a result.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<PeriodKind>))]
public enum PeriodKind
{
    /// <summary>A local day, written <c>YYYY-MM-DD</c>.</summary>
    Day,
    /// <summary>A calendar month, <c>YYYY-MM</c>.</summary>
    Month,
    /// <summary>A calendar quarter, <c>YYYY-Qn</c>.</summary>
    Quarter,
    /// <summary>A calendar year, <c>YYYY</c>.</summary>
    Year,
}

/// <summary>A local calendar day, month, quarter or year: the inclusive range of days [First, Last].</summary>
public readonly record struct Period
{
    private Period(PeriodKind kind, DateOnly first, DateOnly last)
    {
        Kind = kind;
        First = first;
        Last = last;
    }

    /// <summary>Granularity.</summary>
    public PeriodKind Kind { get; }

    /// <summary>First day.</summary>
    public DateOnly First { get; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly Last { get; }

    /// <summary>Number of days.</summary>
    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>The period of <paramref name="kind"/> holding <paramref name="day"/>.</summary>
    public static Period Of(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => new(kind, day, day),
        PeriodKind.Month => new(kind, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        PeriodKind.Quarter => new(kind, new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1), new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1)),
        _ => new(kind, new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31)),
    };

    /// <summary>The month holding <paramref name="day"/>.</summary>
    public static Period MonthOf(DateOnly day) => Of(PeriodKind.Month, day);

    /// <summary>The month before this period's first day (e.g. "last month" of a day).</summary>
    public Period PreviousMonth => MonthOf(new DateOnly(First.Year, First.Month, 1).AddDays(-1));

    /// <summary>True when <paramref name="day"/> lies in the period.</summary>
    public bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>Every day of the period.</summary>
    public IEnumerable<DateOnly> EachDay()
    {
        for (var d = First; d <= Last; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>Parses <c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY-Qn</c> or <c>YYYY</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Period period)
    {
        period = default;
        var ci = CultureInfo.InvariantCulture;
        if (text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", ci, DateTimeStyles.None, out var day))
        {
            period = Of(PeriodKind.Day, day);
        }
        else if (text is { Length: 7 } && text[5] != 'Q' && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", ci, DateTimeStyles.None, out var month))
        {
            period = Of(PeriodKind.Month, month);
        }
        else if (text is { Length: 7 } && text[4] == '-' && text[5] == 'Q' && text[6] is >= '1' and <= '4' &&
                 int.TryParse(text.AsSpan(0, 4), NumberStyles.None, ci, out var qy) && qy >= 1)
        {
            period = Of(PeriodKind.Quarter, new DateOnly(qy, (text[6] - '1') * 3 + 1, 1));
        }
        else if (text is { Length: 4 } && int.TryParse(text, NumberStyles.None, ci, out var year) && year >= 1)
        {
            period = Of(PeriodKind.Year, new DateOnly(year, 1, 1));
        }
        else
        {
            return false;
        }
        return true;
    }

    /// <summary><c>2026-11-22</c>, <c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Day => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{First.Year:D4}-Q{(First.Month - 1) / 3 + 1}",
        _ => First.Year.ToString("D4", CultureInfo.InvariantCulture),
    };
}
