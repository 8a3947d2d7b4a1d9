namespace CarbonEdge.Estimation.Forecast;

/// <summary>
/// Forecasts daily totals (T/ZJSEE energy-power monitoring guide §6.3.1.4 e: key enterprises' emissions and energy;
/// T/CES carbon statistics §4.4 and §7.3.2 on forecast error).
/// </summary>
public interface IDailyForecaster
{
    /// <summary>Short name, e.g. <c>weekday_median_4w</c>.</summary>
    string Name { get; }

    /// <summary>Days of history the method needs before it forecasts.</summary>
    int MinHistoryDays { get; }

    /// <summary>The forecast of each of <paramref name="targets"/> (all after the last history day), in order.</summary>
    /// <param name="history">Consecutive days up to the forecast origin, oldest first, at least <see cref="MinHistoryDays"/>.</param>
    /// <param name="targets">Days to forecast.</param>
    /// <exception cref="ArgumentException">Too little history.</exception>
    double[] Forecast(IReadOnlyList<DailyValue> history, IReadOnlyList<DateOnly> targets);
}
