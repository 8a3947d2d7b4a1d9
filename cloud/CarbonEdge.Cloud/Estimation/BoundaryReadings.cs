using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>Each meter's good register readings nearest an instant: the last before it and the first at or after it, each within the boundary window.</summary>
/// <param name="At">The instant (a local midnight), UTC.</param>
/// <param name="Nearest">By (site, device): one or two readings.</param>
internal sealed record BoundaryReadings(DateTimeOffset At, IReadOnlyDictionary<(string Site, string Device), IReadOnlyList<RegisterReading>> Nearest)
{
    /// <summary>The readings of a time-ordered series nearest <paramref name="at"/>: the last before it within <paramref name="window"/> and the first at or after it less than <paramref name="window"/> later.</summary>
    public static List<RegisterReading> Of(List<RegisterReading> series, DateTimeOffset at, TimeSpan window)
    {
        int after = series.FindIndex(r => r.Timestamp >= at);
        int before = (after < 0 ? series.Count : after) - 1;
        var nearest = new List<RegisterReading>(2);
        if (before >= 0 && at - series[before].Timestamp <= window) nearest.Add(series[before]);
        if (after >= 0 && series[after].Timestamp - at < window) nearest.Add(series[after]);
        return nearest;
    }
}
