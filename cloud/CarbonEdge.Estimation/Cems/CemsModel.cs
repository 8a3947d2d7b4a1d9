using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Estimation.Cems;

/// <summary>
/// CEMS direct measurement (DESIGN.md formula 5): per interval the dry standard flow
/// <c>Q_sn = Q x 273.15/(273.15+t) x (101.325+p)/101.325 x (1 - X_sw)</c> and the CO2 mass
/// <c>C_CO2/100 x Q_sn x 1.9768 kg/m3 x dt</c>; the day's tCO2 is the sum. Scope 1.
/// </summary>
/// <remarks>
/// A sample holds for its nominal interval or until the next sample, whichever is shorter. Spans without a valid
/// sample are filled by <see cref="GapFillMethod.Linear"/> (the mass rate interpolated linearly between the valid
/// samples on both sides, held at the day's ends) or left out by <see cref="GapFillMethod.Drop"/>.
/// </remarks>
public static class CemsModel
{
    /// <summary>The CEMS points formula 5 reads: CO2 with either the measured dry standard flow (<c>cems.flow.std_dry</c>, as HJ 212 units report it) or the actual flow with temperature, pressure and moisture to convert it.</summary>
    public static readonly IReadOnlyList<string> Points = ["cems.co2", "cems.flow", "cems.temperature", "cems.pressure", "cems.humidity", "cems.flow.std_dry"];

    /// <summary>Factor version recorded with CEMS results: the CO2 density constant of formula 5.</summary>
    public const string DensityVersion = "constant.co2_density@1.9768kg/m3";

    /// <summary>
    /// Joins point readings into samples by timestamp. A timestamp needs a good <c>cems.co2</c> and either a good
    /// <c>cems.flow.std_dry</c> (used as Q_sn directly: HJ 212-2017 Appendix D and HJ 75-2017 report the dry standard
    /// flow) or good <c>cems.flow</c>, <c>cems.temperature</c>, <c>cems.pressure</c> and <c>cems.humidity</c>; a
    /// timestamp without, or whose values are not physical, gives no sample and one event.
    /// </summary>
    internal static (List<CemsSample> Samples, List<EstimationEvent> Events) Assemble(string deviceId, IEnumerable<CemsPointReading> readings)
    {
        var samples = new List<CemsSample>();
        var events = new List<EstimationEvent>();
        foreach (var group in readings.Where(r => Points.Contains(r.Point)).GroupBy(r => r.Timestamp.UtcTicks).OrderBy(g => g.Key))
        {
            var at = new DateTimeOffset(group.Key, TimeSpan.Zero);
            double? Good(string point) => group.Where(r => r.Point == point && r.Quality == ReadingQuality.Good).Select(r => (double?)r.Value).FirstOrDefault();
            double? co2 = Good("cems.co2"), flow = Good("cems.flow"), t = Good("cems.temperature"), p = Good("cems.pressure"), x = Good("cems.humidity"), stdDry = Good("cems.flow.std_dry");
            var missing = new List<string>();
            if (co2 is null) missing.Add("cems.co2");
            if (stdDry is null)
            {
                foreach (var (point, value) in new[] { ("cems.flow", flow), ("cems.temperature", t), ("cems.pressure", p), ("cems.humidity", x) })
                {
                    if (value is null) missing.Add(point);
                }
            }
            if (missing.Count > 0)
            {
                events.Add(new EstimationEvent(EstimationEventKind.IncompleteSample, deviceId, at, $"no good {string.Join(", ", missing)}{(stdDry is null ? " (nor cems.flow.std_dry)" : "")}: no sample"));
                continue;
            }
            var sample = new CemsSample(at, co2!.Value, flow ?? double.NaN, t ?? double.NaN, p ?? double.NaN, x ?? double.NaN, stdDry);
            if (sample.Implausibility() is { } why)
            {
                events.Add(new EstimationEvent(EstimationEventKind.IncompleteSample, deviceId, at, $"{why}: no sample"));
                continue;
            }
            samples.Add(sample);
        }
        return (samples, events);
    }

    /// <summary>One stack's CO2 for a local day.</summary>
    /// <param name="deviceId">The analyzer.</param>
    /// <param name="readings">The analyzer's <c>cems.*</c> readings in any order, including the last sample before the day; a timestamp needs all five points good to make a sample.</param>
    /// <param name="intervalSeconds">Nominal sampling interval, s.</param>
    /// <param name="day">The local day.</param>
    /// <param name="zone">Time zone of the day.</param>
    /// <param name="gapFill">Linear or drop.</param>
    /// <exception cref="ArgumentException">Non-positive interval, or <see cref="GapFillMethod.SimilarDays"/> (not defined for CEMS).</exception>
    public static CemsDay Compute(string deviceId, IEnumerable<CemsPointReading> readings, int intervalSeconds, DateOnly day, TimeZoneInfo zone,
        GapFillMethod gapFill = GapFillMethod.Linear)
    {
        if (intervalSeconds <= 0) throw new ArgumentException($"CEMS {deviceId}: interval {intervalSeconds} s must be positive");
        if (gapFill == GapFillMethod.SimilarDays) throw new ArgumentException($"CEMS {deviceId}: similar-days filling is not defined for CEMS; use linear or drop");
        var (start, end) = LocalDay.UtcBounds(day, zone);
        long s = start.UtcTicks, e = end.UtcTicks, interval = intervalSeconds * TimeSpan.TicksPerSecond;
        var (sorted, assembly) = Assemble(deviceId, readings);
        var expected = (int)((e - s + interval - 1) / interval);
        var events = assembly.Where(x => x.At >= start && x.At < end).ToList();
        var fills = 0;
        if (sorted.Count == 0)
        {
            events.Add(new EstimationEvent(EstimationEventKind.NoReadings, deviceId, start, "no valid CEMS sample: 0 tCO2"));
            return new CemsDay(deviceId, day, 0, 0, 0, expected, true, gapFill, events);
        }

        double measuredKg = 0, filledKg = 0;
        var good = 0;
        var lastSlot = -1L;
        var cursor = s;                     // end of the part of the day accounted for
        double? previousRate = null;
        foreach (var (sample, i) in sorted.Select((x, i) => (x, i)))
        {
            long t = sample.Timestamp.UtcTicks;
            long holdEnd = Math.Min(t + interval, i + 1 < sorted.Count ? sorted[i + 1].Timestamp.UtcTicks : long.MaxValue);
            var rate = sample.Co2KgPerHour;
            if (t >= s && t < e && (t - s) / interval != lastSlot)
            {
                good++;
                lastSlot = (t - s) / interval;
            }
            if (holdEnd <= s || t >= e)
            {
                previousRate = rate;
                continue;
            }
            long from = Math.Max(t, s), to = Math.Min(holdEnd, e);
            if (from > cursor)
            {
                filledKg += Fill(cursor, from, previousRate ?? rate, rate, gapFill, deviceId, events);
                fills++;
            }
            measuredKg += rate * (to - from) / TimeSpan.TicksPerHour;
            cursor = Math.Max(cursor, to);
            previousRate = rate;
        }
        if (cursor < e)
        {
            filledKg += Fill(cursor, e, previousRate!.Value, previousRate.Value, gapFill, deviceId, events);
            fills++;
        }
        var estimated = fills > 0;
        return new CemsDay(deviceId, day, (measuredKg + filledKg) / 1000, filledKg / 1000, good, expected, estimated,
            estimated ? gapFill : null, events);
    }

    /// <summary>Sums a day's stacks into an enterprise result (scope 1), with the day's electricity reported alongside.</summary>
    public static EnterpriseDay Estimate(EnterpriseInfo enterprise, DateOnly day, IReadOnlyList<CemsDay> stacks, double kwh)
    {
        var expected = stacks.Sum(x => x.ExpectedIntervals);
        var completeness = expected == 0 ? 0 : Math.Min(1.0, (double)stacks.Sum(x => Math.Min(x.GoodIntervals, x.ExpectedIntervals)) / expected);
        return new EnterpriseDay(enterprise, day, EstimationModel.Cems, "1", kwh, stacks.Sum(x => x.Tco2), completeness,
            stacks.Count == 0 || stacks.Any(x => x.Estimated), stacks.FirstOrDefault(x => x.Estimated)?.Method,
            [DensityVersion], [.. stacks.SelectMany(x => x.Events)]);
    }

    private static double Fill(long from, long to, double rateBefore, double rateAfter, GapFillMethod method, string deviceId, List<EstimationEvent> events)
    {
        var hours = (double)(to - from) / TimeSpan.TicksPerHour;
        var kg = method == GapFillMethod.Linear ? (rateBefore + rateAfter) / 2 * hours : 0;
        events.Add(new EstimationEvent(EstimationEventKind.GapFilled, deviceId, new DateTimeOffset(to, TimeSpan.Zero),
            $"{hours:0.###} h without a valid CEMS sample: {kg / 1000:G9} tCO2 by {WireName.Of(method)}"));
        return kg;
    }
}
