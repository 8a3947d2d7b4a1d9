using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Estimation.Models;

/// <summary>An enterprise's electricity for one day: the sum of its meters' <see cref="MeterDay"/>.</summary>
/// <param name="Enterprise">The enterprise.</param>
/// <param name="Day">The local day.</param>
/// <param name="Meters">Its meters' days (all for the same day).</param>
public sealed record EnterpriseElectricity(EnterpriseInfo Enterprise, DateOnly Day, IReadOnlyList<MeterDay> Meters)
{
    /// <summary>Sum of the meters' kWh.</summary>
    public double Kwh => Meters.Sum(m => m.Kwh);

    /// <summary>Sum of the meters' estimated kWh.</summary>
    public double EstimatedKwh => Meters.Sum(m => m.EstimatedKwh);

    /// <summary>Good intervals / expected intervals over all meters, in [0, 1]; 0 without meters.</summary>
    public double Completeness
    {
        get
        {
            var expected = Meters.Sum(m => m.ExpectedIntervals);
            return expected == 0 ? 0 : Math.Min(1.0, (double)Meters.Sum(m => Math.Min(m.GoodIntervals, m.ExpectedIntervals)) / expected);
        }
    }

    /// <summary>True when any meter's day is estimated, or there is no meter.</summary>
    public bool Estimated => Meters.Count == 0 || Meters.Any(m => m.Estimated);

    /// <summary>The gap-fill method of the estimated meters (the first one's; one run uses one method).</summary>
    public GapFillMethod? GapFill => Meters.FirstOrDefault(m => m.Estimated)?.Method;

    /// <summary>All meters' events.</summary>
    public IReadOnlyList<EstimationEvent> Events => [.. Meters.SelectMany(m => m.Events)];
}
