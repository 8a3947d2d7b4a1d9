using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Estimation.Tests.Rollups;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-11-22", PeriodKind.Day, "2026-11-22", "2026-11-22")]
    [InlineData("2026-11", PeriodKind.Month, "2026-11-01", "2026-11-30")]
    [InlineData("2024-02", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2026-Q4", PeriodKind.Quarter, "2026-10-01", "2026-12-31")]
    [InlineData("2026", PeriodKind.Year, "2026-01-01", "2026-12-31")]
    public void Periods_parse_and_print_as_the_output_writes_them(string text, PeriodKind kind, string first, string last)
    {
        Assert.True(Period.TryParse(text, out var period));
        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(first), period.First);
        Assert.Equal(DateOnly.Parse(last), period.Last);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("26")]
    [InlineData("2026-11-31")]
    public void Impossible_periods_are_refused(string text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void The_previous_month_crosses_the_year()
    {
        Assert.Equal("2025-12", Period.MonthOf(new DateOnly(2026, 1, 15)).PreviousMonth.ToString());
    }

    [Fact]
    public void A_late_reading_re_runs_every_day_its_increment_spans_and_their_periods()
    {
        // Stored readings 2026-11-29 23:00 local and 2026-12-01 01:00 local; a late one arrives between them:
        // the increment it splits covers local days 11-29, 11-30 and 12-01.
        var zone = Register.Shanghai;
        var days = LateData.AffectedDays(Register.At("2026-11-30T04:00:00Z"), Register.At("2026-11-29T15:00:00Z"),
            Register.At("2026-11-30T17:00:00Z"), zone, TimeSpan.FromHours(2));

        Assert.Equal([new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)], days);
        Assert.Equal(["2026-11", "2026-12", "2026-Q4", "2026"], LateData.AffectedPeriods(days).Select(p => p.ToString()));
    }
}
