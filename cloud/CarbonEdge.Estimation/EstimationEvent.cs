using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation;

/// <summary>What happened that a reader of a result must know about.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<EstimationEventKind>))]
public enum EstimationEventKind
{
    /// <summary>The register wrapped at its configured maximum and was unwrapped (informational; the energy is counted).</summary>
    Rollover,
    /// <summary>A reading below its predecessor that is neither a rollover nor a register reset: the out-of-line reading is dropped, its delta not summed.</summary>
    NegativeDelta,
    /// <summary>The register restarted lower and stayed there (meter replaced or reset): the interval across the reset is unmeasured and gap-filled.</summary>
    RegisterReset,
    /// <summary>Two good readings with the same timestamp and different values: the first is kept.</summary>
    DuplicateTimestamp,
    /// <summary>A day boundary lies between readings further apart than the interpolation window: its split is estimated.</summary>
    BoundaryEstimated,
    /// <summary>A span of the day without a usable register reading was filled (or dropped) by the selected gap-fill method.</summary>
    GapFilled,
    /// <summary>A CEMS timestamp without all five points good, or with values that cannot be physical: no sample.</summary>
    IncompleteSample,
    /// <summary>No good reading to estimate from.</summary>
    NoReadings,
    /// <summary>A period's total was shared to the day by electricity (proportional model).</summary>
    Disaggregated,
    /// <summary>A factor was applied outside its validity, for a broader region, or is not verified.</summary>
    FactorCaveat,
    /// <summary>A meter's day came from its own daily frozen values at both midnights (DL/T 645-2007 daily freeze): exact, no interpolation.</summary>
    FrozenBoundary,
    /// <summary>A meter's clock was set (its <c>clock.drift</c> fell towards zero between two checks): a broadcast time sync or a manual setting.</summary>
    ClockCorrected,
}

/// <summary>One event of an estimation, attached to the result it concerns.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">The device id, factor version or enterprise it concerns.</param>
/// <param name="At">UTC time of the reading or boundary concerned; null when the event is not tied to a time.</param>
/// <param name="Detail">One sentence with the values, in their units.</param>
public sealed record EstimationEvent(EstimationEventKind Kind, string Subject, DateTimeOffset? At, string Detail);
