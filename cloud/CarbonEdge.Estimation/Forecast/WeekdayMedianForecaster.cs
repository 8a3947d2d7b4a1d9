using MathNet.Numerics.Statistics;

namespace CarbonEdge.Estimation.Forecast;

/// <summary>
/// Forecasts a day as the median of the same weekday over the last <see cref="Weeks"/> weeks (MathNet.Numerics
/// <see cref="Statistics.Median(IEnumerable{double})"/>). The median keeps one holiday or outage in the window from
/// moving the forecast, which is what costs the seasonal-naive benchmark most on plant data; on the steel-plant
/// year it lowers the month-end MAPE (see docs/enterprise-account.md).
/// </summary>
/// <param name="weeks">Weeks of history (default 4).</param>
public sealed class WeekdayMedianForecaster(int weeks = 4) : IDailyForecaster
{
    /// <summary>Weeks of history per weekday.</summary>
    public int Weeks { get; } = weeks > 0 ? weeks : throw new ArgumentOutOfRangeException(nameof(weeks), "weeks must be > 0");

    /// <inheritdoc />
    public string Name => $"weekday_median_{Weeks}w";

    /// <inheritdoc />
    public int MinHistoryDays => 7 * Weeks;

    /// <inheritdoc />
    public double[] Forecast(IReadOnlyList<DailyValue> history, IReadOnlyList<DateOnly> targets)
    {
        if (history.Count < MinHistoryDays) throw new ArgumentException($"{Name} needs {MinHistoryDays} days of history (got {history.Count})", nameof(history));
        var byWeekday = new double[7];
        for (int wd = 0; wd < 7; wd++)
        {
            var same = new List<double>(Weeks);
            for (int i = history.Count - MinHistoryDays; i < history.Count; i++)
                if ((int)history[i].Day.DayOfWeek == wd) same.Add(history[i].Value);
            byWeekday[wd] = same.Median();
        }
        return [.. targets.Select(t => byWeekday[(int)t.DayOfWeek])];
    }
}
