namespace CarbonEdge.Estimation.Electricity;

/// <summary>
/// The good readings of one register, cleaned: sorted, duplicates removed, rollovers unwrapped, out-of-line readings
/// dropped and resets marked. Each point carries the increment (register units) from its predecessor: NaN for the
/// first point and after a reset, where the energy is unmeasured.
/// </summary>
internal sealed class RegisterSeries
{
    /// <summary>One kept reading: UTC ticks, register value, increment from the previous kept reading.</summary>
    internal readonly record struct Point(long Ticks, double Value, double Increment);

    /// <summary>An event with the span of readings it affects, for filtering by day.</summary>
    internal readonly record struct SpanEvent(long FromTicks, long ToTicks, EstimationEvent Event);

    private RegisterSeries(List<Point> points, List<SpanEvent> events)
    {
        Points = points;
        Events = events;
    }

    public List<Point> Points { get; }
    public List<SpanEvent> Events { get; }

    public static RegisterSeries Clean(MeterConfig meter, IReadOnlyList<RegisterReading> readings, double rolloverBand)
    {
        var good = GoodSorted(readings);
        var kept = new List<Point>(good.Length);
        var events = new List<SpanEvent>();
        var modulus = meter.RolloverModulus;
        for (var i = 0; i < good.Length; i++)
        {
            var (t, v) = good[i];
            while (true)
            {
                if (kept.Count == 0)
                {
                    kept.Add(new Point(t, v, double.NaN));
                    break;
                }
                var p = kept[^1];
                if (t == p.Ticks)
                {
                    if (v != p.Value)
                    {
                        events.Add(Event(p.Ticks, t, EstimationEventKind.DuplicateTimestamp, meter,
                            $"two good readings at the same time: {p.Value} kWh kept, {v} kWh ignored (register units)"));
                    }
                    break;
                }
                var delta = v - p.Value;
                if (delta >= 0)
                {
                    kept.Add(new Point(t, v, delta));
                    break;
                }
                if (modulus is { } m && meter.IsRollover(p.Value, v, rolloverBand))
                {
                    kept.Add(new Point(t, v, m - p.Value + v));
                    events.Add(Event(p.Ticks, t, EstimationEventKind.Rollover, meter,
                        $"register wrapped from {p.Value} to {v} (modulus {m}): {m - p.Value + v} kWh counted (register units)"));
                    break;
                }
                if (kept.Count >= 2 && !double.IsNaN(p.Increment) && p.Value - kept[^2].Value == p.Increment && kept[^2].Value <= v)
                {
                    // p stands above both neighbours: drop it and measure from its predecessor.
                    kept.RemoveAt(kept.Count - 1);
                    events.Add(Event(kept[^1].Ticks, t, EstimationEventKind.NegativeDelta, meter,
                        $"reading {p.Value} at {At(p.Ticks):O} is above both neighbours ({kept[^1].Value}, {v}): dropped, its deltas not summed"));
                    continue;
                }
                if (i + 1 < good.Length && good[i + 1].Value >= p.Value)
                {
                    events.Add(Event(p.Ticks, good[i + 1].Ticks, EstimationEventKind.NegativeDelta, meter,
                        $"reading {v} at {At(t):O} is below both neighbours ({p.Value}, {good[i + 1].Value}): dropped, its deltas not summed"));
                    break;
                }
                kept.Add(new Point(t, v, double.NaN));
                events.Add(Event(p.Ticks, t, EstimationEventKind.RegisterReset, meter,
                    $"register restarted from {p.Value} to {v} and stays there (meter replaced or reset): delta {delta} not summed, span unmeasured"));
                break;
            }
        }
        return new RegisterSeries(kept, events);
    }

    /// <summary>Index of the first point later than <paramref name="ticks"/>, or the point count when none is.</summary>
    public int FirstAfter(long ticks)
    {
        int lo = 0, hi = Points.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Points[mid].Ticks <= ticks) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    internal static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private static SpanEvent Event(long from, long to, EstimationEventKind kind, MeterConfig meter, string detail) =>
        new(from, to, new EstimationEvent(kind, meter.DeviceId, At(to), detail));

    private static (long Ticks, double Value)[] GoodSorted(IReadOnlyList<RegisterReading> readings)
    {
        var good = new List<(long Ticks, double Value)>(readings.Count);
        var sorted = true;
        var last = long.MinValue;
        foreach (var r in readings)
        {
            if (r.Quality != ReadingQuality.Good || !double.IsFinite(r.Value))
            {
                continue;
            }
            var t = r.Timestamp.UtcTicks;
            sorted &= t >= last;
            last = t;
            good.Add((t, r.Value));
        }
        return sorted ? [.. good] : [.. good.OrderBy(g => g.Ticks)];
    }
}
