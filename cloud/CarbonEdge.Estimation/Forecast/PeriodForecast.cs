namespace CarbonEdge.Estimation.Forecast;

/// <summary>
/// Daily and monthly forecast of a quantity to the end of the month and of the year, from the days so far
/// (T/ZJSEE energy-power monitoring guide §6.3.1.4 e).
/// </summary>
/// <param name="Through">Last measured day (the origin).</param>
/// <param name="Method">The forecaster's name.</param>
/// <param name="Days">Forecast of each day after <paramref name="Through"/> to 31 December.</param>
/// <param name="Months">Each month of the year: measured so far plus forecast (whole forecast for later months).</param>
/// <param name="MonthEnd">Measured month to date plus the forecast to the month's end.</param>
/// <param name="YearEnd">Measured year to date plus the forecast to the year's end.</param>
public sealed record PeriodForecast(DateOnly Through, string Method, IReadOnlyList<DailyValue> Days, IReadOnlyList<double> Months,
    double MonthEnd, double YearEnd)
{
    /// <summary>
    /// Forecasts from <paramref name="history"/> (consecutive days, the last being the origin). With too little
    /// history for <paramref name="forecaster"/>, the rest is forecast as the mean of the days there are (or 0).
    /// </summary>
    public static PeriodForecast Of(IReadOnlyList<DailyValue> history, IDailyForecaster forecaster)
    {
        if (history.Count == 0) throw new ArgumentException("no history to forecast from", nameof(history));
        var through = history[^1].Day;
        var targets = new List<DateOnly>();
        for (var d = through.AddDays(1); d.Year == through.Year; d = d.AddDays(1)) targets.Add(d);
        double[] values = history.Count >= forecaster.MinHistoryDays
            ? forecaster.Forecast(history, targets)
            : [.. targets.Select(_ => history.Average(h => h.Value))];
        var days = targets.Select((d, i) => new DailyValue(d, values[i])).ToList();
        var months = new double[12];
        foreach (var h in history.Where(h => h.Day.Year == through.Year)) months[h.Day.Month - 1] += h.Value;
        foreach (var d in days) months[d.Day.Month - 1] += d.Value;
        return new PeriodForecast(through, history.Count >= forecaster.MinHistoryDays ? forecaster.Name : "mean_of_history", days, months,
            months[through.Month - 1], months.Sum());
    }
}
