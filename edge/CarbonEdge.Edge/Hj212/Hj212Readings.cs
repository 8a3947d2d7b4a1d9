using CarbonEdge.Protocols.Hj212.Pollutants;
using CarbonEdge.Protocols.Hj212.Segment;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Edge.Hj212;

/// <summary>Turns the pollutants of a CP into readings of the telemetry contract (HJ 212-2017 Table B.2 codes, converted by <see cref="Hj212PointMap"/>).</summary>
internal static class Hj212Readings
{
    /// <summary>
    /// One reading per mapped pollutant: the value of <paramref name="field"/> (<c>Rtd</c> for real-time data, <c>Avg</c>
    /// for minute and hour data) converted to the point's unit, its quality from the data flag. Codes without a
    /// mapping are returned in <paramref name="unmapped"/>.
    /// </summary>
    public static List<Reading> From(Hj212Cp cp, string device, string field, DateTimeOffset ts, TimestampSource? source, List<string> unmapped)
    {
        var readings = new List<Reading>(cp.Pollutants.Count);
        ts = Timestamps.ToMilliseconds(ts);
        foreach (var pollutant in cp.Pollutants)
        {
            if (!Hj212PointMap.TryGet(pollutant.Code, out var mapping))
            {
                unmapped.Add(pollutant.Code);
                continue;
            }
            string unit = Points.UnitOf(mapping.Point);
            var (quality, reason) = Hj212DataFlag.ToQuality(pollutant.Flag);
            if (!pollutant.TryGetNumber(field, out double value))
            {
                readings.Add(new Reading(device, mapping.Point, null, unit, ts, ReadingQuality.Bad, reason ?? $"no {field} value", source));
            }
            else
            {
                readings.Add(new Reading(device, mapping.Point, quality == ReadingQuality.Bad ? null : mapping.Convert(value), unit, ts, quality, reason, source));
            }
        }
        return readings;
    }
}
