namespace CarbonEdge.Estimation.Electricity;

/// <summary>
/// Daily electricity of a meter from its cumulative register (DESIGN.md formula 1):
/// <c>E_d [kWh] = (R(d+1 00:00) - R(d 00:00)) x multiplier</c>, local midnights in the given zone.
/// </summary>
/// <remarks>
/// The register is read as a piecewise-linear function through the good readings, so the day's energy is the sum of
/// the increments between consecutive readings, each clipped to the day in proportion to time. A boundary value is
/// thereby interpolated linearly between the nearest good readings on both sides; that counts as measured when both
/// are within <see cref="ElectricityOptions.BoundaryWindow"/> of the boundary, and otherwise the split is estimated
/// with the selected <see cref="GapFillMethod"/>. Spans with no reading before or after them inside the data, and the
/// span across a register reset, are unmeasured and filled by the same method. Rollovers are unwrapped; falls that are
/// not rollovers are reported (<see cref="EstimationEventKind.NegativeDelta"/>, <see cref="EstimationEventKind.RegisterReset"/>)
/// and not summed; bad and uncertain readings are not used.
/// </remarks>
public static class DailyElectricity
{
    /// <summary>Computes one meter's electricity for one local day.</summary>
    /// <param name="meter">Device id, multiplier, rollover maximum, nominal interval.</param>
    /// <param name="readings">
    /// Register readings in any order; pass at least those from <see cref="ElectricityOptions.BoundaryWindow"/> before
    /// local midnight of <paramref name="day"/> to the window after the next midnight (more lets a longer gap be split).
    /// </param>
    /// <param name="day">The local day.</param>
    /// <param name="zone">Time zone of the day boundaries (e.g. Asia/Shanghai).</param>
    /// <param name="options">Window, gap-fill method, rollover band; <see cref="ElectricityOptions.Default"/> when null.</param>
    /// <param name="similarDays">Mean consumption of the same intervals on similar days; required for <see cref="GapFillMethod.SimilarDays"/>.</param>
    /// <exception cref="ArgumentException">Invalid meter configuration, or similar-days filling without a profile.</exception>
    public static MeterDay Compute(
        MeterConfig meter,
        IReadOnlyList<RegisterReading> readings,
        DateOnly day,
        TimeZoneInfo zone,
        ElectricityOptions? options = null,
        LoadProfile? similarDays = null)
    {
        meter.Validate();
        options ??= ElectricityOptions.Default;
        if (options.GapFill == GapFillMethod.SimilarDays && similarDays is null)
        {
            throw new ArgumentException($"meter {meter.DeviceId}: similar-days gap filling needs a load profile of similar days");
        }
        var (startUtc, endUtc) = LocalDay.UtcBounds(day, zone);
        long s = startUtc.UtcTicks, e = endUtc.UtcTicks, window = options.BoundaryWindow.Ticks;
        var series = RegisterSeries.Clean(meter, readings, options.RolloverBand);
        var points = series.Points;
        var events = new List<EstimationEvent>();
        foreach (var se in series.Events)
        {
            if (se.FromTicks < e && se.ToTicks >= s)
            {
                events.Add(se.Event);
            }
        }

        var expected = (int)((e - s + TimeSpan.TicksPerSecond * meter.IntervalSeconds - 1) / (TimeSpan.TicksPerSecond * meter.IntervalSeconds));
        var good = GoodIntervals(points, s, e, TimeSpan.TicksPerSecond * meter.IntervalSeconds);
        if (points.Count == 0)
        {
            events.Add(new EstimationEvent(EstimationEventKind.NoReadings, meter.DeviceId, startUtc, "no good register reading: 0 kWh"));
            return new MeterDay(meter.DeviceId, day, 0, 0, 0, expected, true, options.GapFill, events);
        }

        var filler = new GapFiller(meter, options.GapFill, similarDays, MeanRate(points, s, e), events);
        double measured = 0;
        if (points[0].Ticks > s)
        {
            filler.FillUnmeasured(s, Math.Min(points[0].Ticks, e), "before the first good reading");
        }
        for (var j = 1; j < points.Count; j++)
        {
            long a = points[j - 1].Ticks, b = points[j].Ticks;
            if (b <= s || a >= e)
            {
                continue;
            }
            long from = Math.Max(a, s), to = Math.Min(b, e);
            var increment = points[j].Increment;
            if (double.IsNaN(increment))
            {
                filler.FillUnmeasured(from, to, "across a register reset");
            }
            else if (a >= s && b <= e)
            {
                measured += increment;
            }
            else if (WithinWindow(a, b, s, window) && WithinWindow(a, b, e, window))
            {
                measured += increment * (to - from) / (b - a);
            }
            else
            {
                filler.SplitBoundary(a, b, from, to, increment);
            }
        }
        if (points[^1].Ticks < e)
        {
            filler.FillUnmeasured(Math.Max(points[^1].Ticks, s), e, "after the last good reading");
        }

        var kwh = (measured + filler.Energy) * meter.Multiplier;
        return new MeterDay(meter.DeviceId, day, kwh, filler.Energy * meter.Multiplier, good, expected,
            filler.Used, filler.Used ? options.GapFill : null, events);
    }

    /// <summary>True when the boundary is not inside (a, b), or both readings are within the window of it.</summary>
    private static bool WithinWindow(long a, long b, long boundary, long window) =>
        boundary <= a || boundary >= b || (boundary - a <= window && b - boundary <= window);

    private static int GoodIntervals(List<RegisterSeries.Point> points, long s, long e, long interval)
    {
        var count = 0;
        var lastSlot = -1L;
        foreach (var p in points)
        {
            if (p.Ticks < s || p.Ticks >= e)
            {
                continue;
            }
            var slot = (p.Ticks - s) / interval;
            if (slot != lastSlot)
            {
                count++;
                lastSlot = slot;
            }
        }
        return count;
    }

    /// <summary>Mean rate (register units per tick) over the measured increments touching the day, else over all.</summary>
    private static double MeanRate(List<RegisterSeries.Point> points, long s, long e)
    {
        double energy = 0, ticks = 0, allEnergy = 0, allTicks = 0;
        for (var j = 1; j < points.Count; j++)
        {
            if (double.IsNaN(points[j].Increment))
            {
                continue;
            }
            var span = points[j].Ticks - points[j - 1].Ticks;
            allEnergy += points[j].Increment;
            allTicks += span;
            if (points[j].Ticks > s && points[j - 1].Ticks < e)
            {
                energy += points[j].Increment;
                ticks += span;
            }
        }
        return ticks > 0 ? energy / ticks : allTicks > 0 ? allEnergy / allTicks : 0;
    }
}
