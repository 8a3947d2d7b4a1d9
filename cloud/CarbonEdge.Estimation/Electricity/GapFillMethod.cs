using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Electricity;

/// <summary>How a span of a day that the register readings do not measure is filled. The method used is recorded with every estimated result.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<GapFillMethod>))]
public enum GapFillMethod
{
    /// <summary>
    /// Linear interpolation: a boundary between readings further apart than the window is split in proportion to time;
    /// an unmeasured span (no reading before or after, meter reset) is filled at the mean rate of the day's measured intervals.
    /// </summary>
    Linear,
    /// <summary>
    /// Same interval on similar days: the boundary split and unmeasured spans follow the mean consumption of the same
    /// local intervals on the similar days the caller supplies (<see cref="LoadProfile"/>).
    /// </summary>
    SimilarDays,
    /// <summary>Drop: unmeasured energy is left out (the day is an underestimate and says so).</summary>
    Drop,
}
