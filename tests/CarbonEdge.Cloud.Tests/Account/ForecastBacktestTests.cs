using CarbonEdge.Cloud.Account;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Estimation.Forecast;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Account;

/// <summary>The forecast against seasonal-naive on the real steel-plant year (a quarter of it here; the whole year is `cedge-cloud forecast-backtest`).</summary>
public sealed class ForecastBacktestTests
{
    private static List<DailyValue> SteelPlant(out List<CsvIssue> issues)
    {
        issues = [];
        return IntervalProfileCsv.ReadDaily(Path.Combine(RepositoryRoot.Find(), ForecastBacktestCommand.DefaultProfile), issues);
    }

    [Fact]
    public void The_steel_plant_year_reads_as_complete_days()
    {
        var days = SteelPlant(out var issues);
        Assert.Empty(issues);
        Assert.Equal(new DateOnly(2018, 1, 1), days[0].Day);
        Assert.True(days.Count >= 360, $"{days.Count} days");
        // 1 Jan 2018 as summed by hand from the file's first 96 rows (00:15 .. 24:00)
        Assert.InRange(days[0].Value, 353.0, 353.1);
    }

    [Fact]
    public void Weekday_median_beats_seasonal_naive_on_a_window_of_the_steel_plant()
    {
        var window = SteelPlant(out _).Where(d => d.Day >= new DateOnly(2018, 4, 1) && d.Day <= new DateOnly(2018, 6, 30)).ToList();
        var scores = RollingOriginBacktest.Run(window, new WeekdayMedianForecaster(), new SeasonalNaiveForecaster());
        var (method, naive) = (scores[0], scores[1]);
        Assert.True(method.Origins > 50);
        Assert.True(method.MonthEndMape < naive.MonthEndMape, $"month-end MAPE {method.MonthEndMape:0.00} % vs seasonal-naive {naive.MonthEndMape:0.00} %");
        Assert.True(method.DailyMape < naive.DailyMape, $"daily MAPE {method.DailyMape:0.00} % vs seasonal-naive {naive.DailyMape:0.00} %");
    }
}
