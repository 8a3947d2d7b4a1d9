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
/// and not summed; bad and uncertain readings are not used. Consecutive days share their boundary values, so the days
/// of a period sum to the register difference over the period wherever nothing is estimated.
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
    public static MeterDay Compute(MeterConfig meter, IReadOnlyList<RegisterReading> readings, DateOnly day, TimeZoneInfo zone,
        ElectricityOptions? options = null, LoadProfile? similarDays = null) =>
        ComputeDays(meter, readings, day, day, zone, options, similarDays)[0];

    /// <summary>
    /// Computes the part of a local day from its midnight up to <paramref name="until"/> ("today so far"): the energy
    /// up to that instant, and completeness against the intervals expected up to it. At or after the day's end it is
    /// <see cref="Compute"/>.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Compute"/>, or <paramref name="until"/> before the day starts.</exception>
    public static MeterDay ComputeUntil(MeterConfig meter, IReadOnlyList<RegisterReading> readings, DateOnly day, TimeZoneInfo zone,
        DateTimeOffset until, ElectricityOptions? options = null, LoadProfile? similarDays = null)
    {
        options = Check(meter, day, day, options, similarDays);
        var (start, end) = LocalDay.UtcBounds(day, zone);
        if (until <= start) throw new ArgumentException($"meter {meter.DeviceId}: {until:O} is before {day:yyyy-MM-dd} starts");
        var series = RegisterSeries.Clean(meter, readings, options.RolloverBand);
        return Integrate(meter, series, day, start, until < end ? until : end, options, similarDays);
    }

    /// <summary>
    /// Computes every local day from <paramref name="first"/> to <paramref name="last"/> (inclusive), cleaning the
    /// readings once: the same results as <see cref="Compute"/> day by day, for a fraction of the work.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid meter configuration, similar-days filling without a profile, or last before first.</exception>
    public static IReadOnlyList<MeterDay> ComputeDays(MeterConfig meter, IReadOnlyList<RegisterReading> readings, DateOnly first, DateOnly last,
        TimeZoneInfo zone, ElectricityOptions? options = null, LoadProfile? similarDays = null)
    {
        options = Check(meter, first, last, options, similarDays);
        var series = RegisterSeries.Clean(meter, readings, options.RolloverBand);
        var days = new List<MeterDay>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var (start, end) = LocalDay.UtcBounds(day, zone);
            days.Add(Integrate(meter, series, day, start, end, options, similarDays));
        }
        return days;
    }

    /// <summary>
    /// kWh over a whole span of local days, from the register at local midnight of <paramref name="first"/> to local
    /// midnight after <paramref name="last"/>, with the same rules: the independent figure a month's or year's
    /// roll-up of days is checked against.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="ComputeDays"/>.</exception>
    public static MeterDay ComputeSpan(MeterConfig meter, IReadOnlyList<RegisterReading> readings, DateOnly first, DateOnly last,
        TimeZoneInfo zone, ElectricityOptions? options = null, LoadProfile? similarDays = null)
    {
        options = Check(meter, first, last, options, similarDays);
        var series = RegisterSeries.Clean(meter, readings, options.RolloverBand);
        return Integrate(meter, series, first, LocalDay.UtcBounds(first, zone).Start, LocalDay.UtcBounds(last, zone).End, options, similarDays);
    }

    private static ElectricityOptions Check(MeterConfig meter, DateOnly first, DateOnly last, ElectricityOptions? options, LoadProfile? similarDays)
    {
        meter.Validate();
        options ??= ElectricityOptions.Default;
        if (options.GapFill == GapFillMethod.SimilarDays && similarDays is null)
        {
            throw new ArgumentException($"meter {meter.DeviceId}: similar-days gap filling needs a load profile of similar days");
        }
        if (last < first)
        {
            throw new ArgumentException($"meter {meter.DeviceId}: last day {last:yyyy-MM-dd} before first {first:yyyy-MM-dd}");
        }
        return options;
    }

    /// <summary>Energy of [start, end) from the cleaned series.</summary>
    private static MeterDay Integrate(MeterConfig meter, RegisterSeries series, DateOnly day, DateTimeOffset startUtc, DateTimeOffset endUtc,
        ElectricityOptions options, LoadProfile? similarDays)
    {
        long s = startUtc.UtcTicks, e = endUtc.UtcTicks, window = options.BoundaryWindow.Ticks;
        var interval = TimeSpan.TicksPerSecond * meter.IntervalSeconds;
        var points = series.Points;
        var events = new List<EstimationEvent>();
        foreach (var se in series.Events)
        {
            if (se.FromTicks < e && se.ToTicks >= s)
            {
                events.Add(se.Event);
            }
        }
        var expected = (int)((e - s + interval - 1) / interval);
        if (points.Count == 0)
        {
            events.Add(new EstimationEvent(EstimationEventKind.NoReadings, meter.DeviceId, startUtc, "no good register reading: 0 kWh"));
            return new MeterDay(meter.DeviceId, day, 0, 0, 0, expected, true, options.GapFill, events);
        }

        if (points[0].Ticks >= e || points[^1].Ticks < s)
        {
            // The register says nothing about this span: every reading is on one side of it. Extrapolating a whole
            // span from the other side would invent energy (a meter not installed yet, or gone for good).
            events.Add(new EstimationEvent(EstimationEventKind.NoReadings, meter.DeviceId, startUtc, points[0].Ticks >= e
                ? $"no good register reading before {endUtc:O}: 0 kWh, nothing extrapolated backwards"
                : $"no good register reading after {RegisterSeries.At(points[^1].Ticks):O}: 0 kWh, nothing extrapolated forwards"));
            return new MeterDay(meter.DeviceId, day, 0, 0, 0, expected, true, options.GapFill, events);
        }

        // Increments j (from point j-1 to j) that overlap [s, e): j from the first point after s to the first point at or after e.
        var firstJ = Math.Max(1, series.FirstAfter(s));
        var lastJ = Math.Min(points.Count - 1, series.FirstAfter(e - 1));
        var filler = new GapFiller(meter, options.GapFill, similarDays, MeanRate(points, firstJ, lastJ), events);
        double measured = 0;
        if (points[0].Ticks > s)
        {
            filler.FillUnmeasured(s, Math.Min(points[0].Ticks, e), "before the first good reading");
        }
        var good = 0;
        var lastSlot = -1L;
        for (var j = firstJ - 1; j <= lastJ; j++)
        {
            var t = points[j].Ticks;
            if (t >= s && t < e && (t - s) / interval != lastSlot)
            {
                good++;
                lastSlot = (t - s) / interval;
            }
            if (j < firstJ)
            {
                continue;
            }
            long a = points[j - 1].Ticks, b = t;
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

    /// <summary>Mean rate (register units per tick) over the measured increments firstJ..lastJ, else over all.</summary>
    private static double MeanRate(List<RegisterSeries.Point> points, int firstJ, int lastJ)
    {
        var (energy, ticks) = Measured(points, firstJ, lastJ);
        if (ticks == 0)
        {
            (energy, ticks) = Measured(points, 1, points.Count - 1);
        }
        return ticks > 0 ? energy / ticks : 0;
    }

    private static (double Energy, double Ticks) Measured(List<RegisterSeries.Point> points, int firstJ, int lastJ)
    {
        double energy = 0, ticks = 0;
        for (var j = firstJ; j <= lastJ; j++)
        {
            if (!double.IsNaN(points[j].Increment))
            {
                energy += points[j].Increment;
                ticks += points[j].Ticks - points[j - 1].Ticks;
            }
        }
        return (energy, ticks);
    }
}
