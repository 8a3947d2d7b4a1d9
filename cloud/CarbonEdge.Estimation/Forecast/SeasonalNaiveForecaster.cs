namespace CarbonEdge.Estimation.Forecast;

/// <summary>The benchmark: each day is forecast as the last observed day of the same weekday (weekly seasonal naive).</summary>
public sealed class SeasonalNaiveForecaster : IDailyForecaster
{
    /// <inheritdoc />
    public string Name => "seasonal_naive_7d";

    /// <inheritdoc />
    public int MinHistoryDays => 7;

    /// <inheritdoc />
    public double[] Forecast(IReadOnlyList<DailyValue> history, IReadOnlyList<DateOnly> targets)
    {
        if (history.Count < MinHistoryDays) throw new ArgumentException($"{Name} needs {MinHistoryDays} days of history (got {history.Count})", nameof(history));
        var last = history[^1].Day;
        var result = new double[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            int back = (targets[i].DayNumber - last.DayNumber - 1) % 7;
            result[i] = history[history.Count - 7 + back].Value;
        }
        return result;
    }
}
