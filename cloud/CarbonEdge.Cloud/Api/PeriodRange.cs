using System.Globalization;
using CarbonEdge.Estimation;

namespace CarbonEdge.Cloud.Api;

/// <summary>
/// The period names of the roll-up endpoints (<c>daily</c>, <c>month</c> or <c>monthly</c>, <c>quarter</c> or
/// <c>quarterly</c>, <c>year</c> or <c>yearly</c>) and their <c>from</c>/<c>to</c> parameters: inclusive, written as
/// the period is (<c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c>).
/// </summary>
internal static class PeriodRange
{
    private static readonly Dictionary<string, PeriodKind> Names = new(StringComparer.Ordinal)
    {
        ["daily"] = PeriodKind.Day, ["month"] = PeriodKind.Month, ["monthly"] = PeriodKind.Month, ["quarter"] = PeriodKind.Quarter,
        ["quarterly"] = PeriodKind.Quarter, ["year"] = PeriodKind.Year, ["yearly"] = PeriodKind.Year,
    };

    /// <summary>The kind a name stands for, when it is one of <paramref name="allowed"/>.</summary>
    public static bool TryKind(string name, ReadOnlySpan<PeriodKind> allowed, out PeriodKind kind) =>
        Names.TryGetValue(name, out kind) && allowed.Contains(kind);

    /// <summary>Most periods one request may ask for: 366 days, 120 months, 40 quarters, 10 years.</summary>
    public static int MaxPeriods(PeriodKind kind) => kind switch { PeriodKind.Day => 366, PeriodKind.Month => 120, PeriodKind.Quarter => 40, _ => 10 };

    /// <summary>
    /// The first and last period asked for. Defaults: <c>to</c> the period holding yesterday (days) or today (others);
    /// <c>from</c> 7 days, 12 months, 4 quarters or 3 years back including <c>to</c>. Problems go to <paramref name="errors"/>.
    /// </summary>
    public static (Period First, Period Last) Parse(PeriodKind kind, string? from, string? to, DateOnly today, Dictionary<string, string[]> errors)
    {
        var last = ParseOne(kind, to, "to", errors) ?? Period.Of(kind, kind == PeriodKind.Day ? today.AddDays(-1) : today);
        var first = ParseOne(kind, from, "from", errors) ?? Back(last, kind switch { PeriodKind.Day => 6, PeriodKind.Month => 11, PeriodKind.Quarter => 3, _ => 2 });
        if (errors.Count > 0) return (first, last);
        if (first.First > last.First)
            errors["from"] = [$"from {first} is after to {last}"];
        else if (Count(first, last) > MaxPeriods(kind))
            errors["to"] = [$"at most {MaxPeriods(kind)} periods of this kind per request"];
        return (first, last);
    }

    /// <summary>The periods from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    private static int Count(Period first, Period last) => first.Kind switch
    {
        PeriodKind.Day => last.First.DayNumber - first.First.DayNumber + 1,
        PeriodKind.Month => (last.First.Year - first.First.Year) * 12 + last.First.Month - first.First.Month + 1,
        PeriodKind.Quarter => ((last.First.Year - first.First.Year) * 12 + last.First.Month - first.First.Month) / 3 + 1,
        _ => last.First.Year - first.First.Year + 1,
    };

    private static Period Back(Period period, int count) => period.Kind switch
    {
        PeriodKind.Day => Period.Of(PeriodKind.Day, period.First.AddDays(-count)),
        PeriodKind.Month => Period.Of(PeriodKind.Month, period.First.AddMonths(-count)),
        PeriodKind.Quarter => Period.Of(PeriodKind.Quarter, period.First.AddMonths(-3 * count)),
        _ => Period.Of(PeriodKind.Year, period.First.AddYears(-count)),
    };

    private static Period? ParseOne(PeriodKind kind, string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (Period.TryParse(text, out var period) && period.Kind == kind) return period;
        string form = kind switch { PeriodKind.Day => "a date of the form YYYY-MM-DD", PeriodKind.Month => "a month of the form YYYY-MM", PeriodKind.Quarter => "a quarter of the form YYYY-Qn", _ => "a year of the form YYYY" };
        errors[name] = [string.Create(CultureInfo.InvariantCulture, $"'{text}' is not {form}")];
        return null;
    }
}
