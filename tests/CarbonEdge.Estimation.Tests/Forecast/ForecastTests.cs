using CarbonEdge.Estimation.Forecast;

namespace CarbonEdge.Estimation.Tests.Forecast;

public sealed class ForecastTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);

    /// <summary>Four weeks: weekdays 100 + week index, weekends 10; the third Wednesday a holiday (0).</summary>
    private static List<DailyValue> FourWeeks()
    {
        var days = new List<DailyValue>();
        for (int i = 0; i < 28; i++)
        {
            var day = Monday.AddDays(i);
            double v = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 10 : 100 + i / 7;
            if (i == 16) v = 0;
            days.Add(new DailyValue(day, v));
        }
        return days;
    }

    [Fact]
    public void Weekday_median_by_hand()
    {
        // Mondays 100, 101, 102, 103: median 101.5; Wednesdays 100, 101, 0, 103: median (100 + 101) / 2 = 100.5; Saturdays 10
        var f = new WeekdayMedianForecaster().Forecast(FourWeeks(), [Monday.AddDays(28), Monday.AddDays(30), Monday.AddDays(33)]);
        Assert.Equal([101.5, 100.5, 10], f);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_last_week()
    {
        // last week: Monday 103 .. Friday 103, weekend 10; 9 days ahead is the Wednesday after next
        var f = new SeasonalNaiveForecaster().Forecast(FourWeeks(), [Monday.AddDays(28), Monday.AddDays(37)]);
        Assert.Equal([103.0, 103.0], f);
    }

    [Fact]
    public void Too_little_history_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => new WeekdayMedianForecaster().Forecast(FourWeeks()[..20], [Monday.AddDays(28)]));

    [Fact]
    public void Period_forecast_adds_the_measured_days()
    {
        // history 2 .. 29 November (all in November); Monday 30 November is forecast 101.5 (median of the Mondays)
        var history = FourWeeks();
        var p = PeriodForecast.Of(history, new WeekdayMedianForecaster());
        double measuredNov = history.Sum(h => h.Value);
        Assert.Equal(new DateOnly(2026, 11, 29), p.Through);
        Assert.Equal(measuredNov + 101.5, p.MonthEnd, 9);
        Assert.Equal(new DateOnly(2026, 12, 31), p.Days[^1].Day);
        Assert.Equal(32, p.Days.Count);
        Assert.Equal(p.Months.Sum(), p.YearEnd, 9);
    }

    [Fact]
    public void Short_history_falls_back_to_the_mean()
    {
        var p = PeriodForecast.Of([new DailyValue(new DateOnly(2026, 12, 29), 4), new DailyValue(new DateOnly(2026, 12, 30), 6)], new WeekdayMedianForecaster());
        Assert.Equal("mean_of_history", p.Method);
        Assert.Equal(15, p.MonthEnd, 9);
    }

    [Fact]
    public void Backtest_scores_by_hand()
    {
        // a constant week pattern: both methods are exact, MAPE 0
        var days = Enumerable.Range(0, 70).Select(i => new DailyValue(Monday.AddDays(i), 50 + (i % 7))).ToList();
        var scores = RollingOriginBacktest.Run(days, new WeekdayMedianForecaster(), new SeasonalNaiveForecaster());
        Assert.All(scores, s => Assert.Equal(0, s.DailyMape, 12));
        Assert.All(scores, s => Assert.Equal(0, s.MonthEndMape, 12));
        Assert.Equal(scores[0].Origins, scores[1].Origins);
    }
}
