namespace CarbonEdge.Estimation.Electricity;

/// <summary>Daily electricity of one meter (DESIGN.md formula 1).</summary>
/// <param name="DeviceId">The meter.</param>
/// <param name="Day">The local day.</param>
/// <param name="Kwh">Energy of the day in kWh, multiplier applied, including <paramref name="EstimatedKwh"/>.</param>
/// <param name="EstimatedKwh">The part of <paramref name="Kwh"/> that comes from gap filling or an estimated boundary split, kWh.</param>
/// <param name="GoodIntervals">Distinct expected intervals of the day holding at least one good reading.</param>
/// <param name="ExpectedIntervals">Intervals of the day at the meter's nominal interval (96 for 15 min on a 24 h day).</param>
/// <param name="Estimated">True when any part of the day is not measured: a boundary outside the window, an unmeasured span.</param>
/// <param name="Method">The gap-fill method used when <paramref name="Estimated"/>; null otherwise.</param>
/// <param name="Events">Rollovers, dropped readings, resets, gap fills of this day.</param>
public sealed record MeterDay(
    string DeviceId,
    DateOnly Day,
    double Kwh,
    double EstimatedKwh,
    int GoodIntervals,
    int ExpectedIntervals,
    bool Estimated,
    GapFillMethod? Method,
    IReadOnlyList<EstimationEvent> Events)
{
    /// <summary>
    /// True when <see cref="Kwh"/> is the difference of the meter's own daily frozen values at both midnights
    /// (<see cref="FrozenDay"/>), not of interpolated register boundaries.
    /// </summary>
    public bool Frozen { get; init; }

    /// <summary>Good intervals / expected intervals, in [0, 1].</summary>
    public double Completeness => ExpectedIntervals == 0 ? 0 : Math.Min(1.0, (double)GoodIntervals / ExpectedIntervals);
}
