namespace CarbonEdge.Estimation.Rollups;

/// <summary>
/// What to re-run when readings arrive late (DESIGN.md Estimation, 6): the affected days, then the periods of their
/// roll-ups. Results are keyed by enterprise, day (or period) and model, so a re-run overwrites and never duplicates.
/// </summary>
public static class LateData
{
    /// <summary>
    /// Local days whose result can change when a register reading at <paramref name="at"/> arrives: it splits the
    /// increment between the stored good readings before and after it, so every day overlapping
    /// [<paramref name="previous"/>, <paramref name="next"/>] changes. A side with no stored reading extends to
    /// <paramref name="window"/> from <paramref name="at"/>.
    /// </summary>
    public static IReadOnlyList<DateOnly> AffectedDays(DateTimeOffset at, DateTimeOffset? previous, DateTimeOffset? next,
        TimeZoneInfo zone, TimeSpan window)
    {
        var first = LocalDay.Of(previous ?? at - window, zone);
        var last = LocalDay.Of(next ?? at + window, zone);
        var days = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            days.Add(d);
        }
        return days;
    }

    /// <summary>The months, quarters and years holding <paramref name="days"/>, whose roll-ups must be rebuilt, in order.</summary>
    public static IReadOnlyList<Period> AffectedPeriods(IEnumerable<DateOnly> days) =>
        [.. days.SelectMany(d => new[] { Period.Of(PeriodKind.Month, d), Period.Of(PeriodKind.Quarter, d), Period.Of(PeriodKind.Year, d) })
            .Distinct().OrderBy(p => p.Kind).ThenBy(p => p.First)];
}
