namespace CarbonEdge.Estimation.Forecast;

/// <summary>The errors of one forecaster over a rolling-origin backtest.</summary>
/// <param name="Method">The forecaster's name.</param>
/// <param name="Origins">Forecast origins evaluated.</param>
/// <param name="DailyPoints">Forecast days scored.</param>
/// <param name="DailyMape">Mean absolute percentage error of the daily forecasts to the month's end, %.</param>
/// <param name="MonthEndMape">MAPE of the month's total (measured to date + forecast) against the month's actual total, %.</param>
public sealed record BacktestScore(string Method, int Origins, int DailyPoints, double DailyMape, double MonthEndMape);

/// <summary>
/// Rolling-origin evaluation (T/CES carbon statistics §4.4, §7.3.2: forecast error): every day from the first
/// origin on is an origin; each forecasts the rest of its month, scored per day and on the month's total.
/// Days with an actual of 0 are not scored (their percentage error is undefined).
/// </summary>
public static class RollingOriginBacktest
{
    /// <summary>Scores each forecaster over the same origins.</summary>
    /// <param name="series">Consecutive daily totals, oldest first.</param>
    /// <param name="forecasters">The methods; the first origin is where all have enough history.</param>
    public static IReadOnlyList<BacktestScore> Run(IReadOnlyList<DailyValue> series, params IDailyForecaster[] forecasters)
    {
        int first = forecasters.Max(f => f.MinHistoryDays) - 1;
        DailyValue[] all = [.. series];
        var scores = new List<BacktestScore>();
        foreach (var forecaster in forecasters)
        {
            double dailySum = 0, monthSum = 0;
            int dailyCount = 0, origins = 0;
            for (int o = first; o < series.Count - 1; o++)
            {
                var origin = series[o].Day;
                int end = o + 1;
                while (end < series.Count && series[end].Day.Month == origin.Month && series[end].Day.Year == origin.Year) end++;
                if (end == o + 1) continue;
                var targets = new List<DateOnly>(end - o - 1);
                for (int i = o + 1; i < end; i++) targets.Add(series[i].Day);
                var history = new ArraySegment<DailyValue>(all, 0, o + 1);
                double[] forecast = forecaster.Forecast(history, targets);
                for (int i = 0; i < targets.Count; i++)
                {
                    double actual = series[o + 1 + i].Value;
                    if (actual == 0) continue;
                    dailySum += Math.Abs(forecast[i] - actual) / actual;
                    dailyCount++;
                }
                int monthStart = o;
                while (monthStart > 0 && series[monthStart - 1].Day.Month == origin.Month && series[monthStart - 1].Day.Year == origin.Year) monthStart--;
                double toDate = 0, actualTotal = 0;
                for (int i = monthStart; i <= o; i++) toDate += series[i].Value;
                for (int i = monthStart; i < end; i++) actualTotal += series[i].Value;
                if (actualTotal == 0) continue;
                monthSum += Math.Abs(toDate + forecast.Sum() - actualTotal) / actualTotal;
                origins++;
            }
            scores.Add(new BacktestScore(forecaster.Name, origins, dailyCount, dailyCount == 0 ? double.NaN : 100 * dailySum / dailyCount,
                origins == 0 ? double.NaN : 100 * monthSum / origins));
        }
        return scores;
    }
}
