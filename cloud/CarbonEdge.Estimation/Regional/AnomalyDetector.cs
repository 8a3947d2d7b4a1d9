namespace CarbonEdge.Estimation.Regional;

/// <summary>
/// Anomaly detection on daily series (T/CES carbon statistics §7.3.3): the modified z-score of Iglewicz and Hoaglin,
/// <c>M = 0.6745 × (x − median) / MAD</c>, with the median and the median absolute deviation of the other days in a
/// window of ±<see cref="HalfWindow"/> days (robust against the anomaly itself and against seasonality longer than
/// the window); a day with |M| &gt; <see cref="Threshold"/> is anomalous. A window whose MAD is 0 (a constant series)
/// flags only values that differ from the median by more than 5 % of it.
/// </summary>
public static class AnomalyDetector
{
    /// <summary>Days either side of a day in its window (7: two weeks, so weekdays and weekends are both in it).</summary>
    public const int HalfWindow = 7;

    /// <summary>3.5, the threshold Iglewicz and Hoaglin recommend.</summary>
    public const double Threshold = 3.5;

    /// <summary>Fewest other days in a window for a verdict.</summary>
    public const int MinimumWindow = 5;

    /// <summary>The anomalous days of <paramref name="series"/> with their median and score.</summary>
    public static IEnumerable<(DateOnly Day, double Value, double Median, double Score)> Detect(IReadOnlyDictionary<DateOnly, double> series)
    {
        var window = new List<double>(2 * HalfWindow);
        var deviations = new List<double>(2 * HalfWindow);
        foreach (var (day, value) in series.OrderBy(p => p.Key))
        {
            window.Clear();
            for (var d = -HalfWindow; d <= HalfWindow; d++)
            {
                if (d != 0 && series.TryGetValue(day.AddDays(d), out var v))
                {
                    window.Add(v);
                }
            }
            if (window.Count < MinimumWindow)
            {
                continue;
            }
            var median = Median(window);
            deviations.Clear();
            deviations.AddRange(window.Select(v => Math.Abs(v - median)));
            var mad = Median(deviations);
            var score = mad > 0 ? 0.6745 * (value - median) / mad
                : Math.Abs(value - median) > 0.05 * Math.Abs(median) ? double.PositiveInfinity * Math.Sign(value - median) : 0;
            if (Math.Abs(score) > Threshold)
            {
                yield return (day, value, median, score);
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
