namespace CarbonEdge.Estimation.Regional;

/// <summary>
/// A daily electricity series (kWh by local day) with its interpolated days marked (T/CES carbon statistics §7.2.3):
/// a run of at most <c>maxGap</c> missing days between two measured days is filled linearly between them; longer
/// runs, and days before the first or after the last measured day, stay missing (no extrapolation). The stated error
/// is the leave-one-out mean relative error of the same interpolation on the measured days that have measured
/// neighbours on both sides.
/// </summary>
public sealed class ElectricitySeries
{
    private readonly Dictionary<DateOnly, double> _kwh;
    private readonly HashSet<DateOnly> _interpolated;
    private readonly Dictionary<Period, (double Kwh, int Days, bool Interpolated)> _over = [];

    private ElectricitySeries(Dictionary<DateOnly, double> kwh, HashSet<DateOnly> interpolated, double? errorEstimate)
    {
        _kwh = kwh;
        _interpolated = interpolated;
        ErrorEstimate = errorEstimate;
    }

    /// <summary>An empty series.</summary>
    public static ElectricitySeries Empty { get; } = new([], [], null);

    /// <summary>Leave-one-out mean relative error of linear interpolation on the measured days; null with fewer than one interior measured day.</summary>
    public double? ErrorEstimate { get; }

    /// <summary>The interpolated days, in order.</summary>
    public IReadOnlyList<DateOnly> Interpolated => [.. _interpolated.Order()];

    /// <summary>Days with a value (measured or interpolated).</summary>
    public int Count => _kwh.Count;

    /// <summary>Measured and interpolated values by day.</summary>
    public IReadOnlyDictionary<DateOnly, double> Values => _kwh;

    /// <summary>Builds a series from measured days, interpolating gaps of at most <paramref name="maxGap"/> days.</summary>
    public static ElectricitySeries From(IReadOnlyDictionary<DateOnly, double> measured, int maxGap)
    {
        var kwh = new Dictionary<DateOnly, double>(measured);
        var interpolated = new HashSet<DateOnly>();
        var days = measured.Keys.Order().ToList();
        double errors = 0;
        var interior = 0;
        for (var i = 0; i + 1 < days.Count; i++)
        {
            var (a, b) = (days[i], days[i + 1]);
            var gap = b.DayNumber - a.DayNumber - 1;
            if (gap > 0 && gap <= maxGap)
            {
                for (var d = 1; d <= gap; d++)
                {
                    var day = a.AddDays(d);
                    kwh[day] = measured[a] + (measured[b] - measured[a]) * d / (gap + 1);
                    interpolated.Add(day);
                }
            }
            if (i > 0 && days[i - 1].DayNumber == a.DayNumber - 1 && gap == 0 && measured[a] > 0)
            {
                errors += Math.Abs((measured[days[i - 1]] + measured[b]) / 2 - measured[a]) / measured[a];
                interior++;
            }
        }
        return new ElectricitySeries(kwh, interpolated, interior == 0 ? null : errors / interior);
    }

    /// <summary>The sum of several series (a parent region's or the domain's from its industries): a day has a value when any part has one.</summary>
    public static ElectricitySeries Sum(IEnumerable<ElectricitySeries> parts)
    {
        var kwh = new Dictionary<DateOnly, double>();
        var interpolated = new HashSet<DateOnly>();
        foreach (var part in parts)
        {
            foreach (var (day, value) in part._kwh)
            {
                kwh[day] = kwh.GetValueOrDefault(day) + value;
            }
            interpolated.UnionWith(part._interpolated);
        }
        return new ElectricitySeries(kwh, interpolated, null);
    }

    /// <summary>The day's kWh, or null when missing.</summary>
    public double? On(DateOnly day) => _kwh.TryGetValue(day, out var v) ? v : null;

    /// <summary>True when the day's value was interpolated.</summary>
    public bool IsInterpolated(DateOnly day) => _interpolated.Contains(day);

    /// <summary>kWh over a period (sum of the days with a value), the number of those days, and whether any is interpolated; memoized.</summary>
    public (double Kwh, int Days, bool Interpolated) Over(Period period)
    {
        if (period.Kind == PeriodKind.Day)
        {
            return _kwh.TryGetValue(period.First, out var v) ? (v, 1, _interpolated.Contains(period.First)) : (0, 0, false);
        }
        lock (_over)
        {
            if (!_over.TryGetValue(period, out var over))
            {
                _over[period] = over = Sum(period);
            }
            return over;
        }
    }

    private (double Kwh, int Days, bool Interpolated) Sum(Period period)
    {
        double sum = 0;
        int n = 0;
        var any = false;
        foreach (var day in period.EachDay())
        {
            if (_kwh.TryGetValue(day, out var v))
            {
                sum += v;
                n++;
                any |= _interpolated.Contains(day);
            }
        }
        return (sum, n, any);
    }
}
