using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Estimation.Cems;

/// <summary>One stack's measured CO2 for one local day (DESIGN.md formula 5).</summary>
/// <param name="DeviceId">The CEMS analyzer.</param>
/// <param name="Day">The local day.</param>
/// <param name="Tco2">CO2 of the day, tCO2, including <paramref name="EstimatedTco2"/>.</param>
/// <param name="EstimatedTco2">The part filled for spans without a valid sample, tCO2.</param>
/// <param name="GoodIntervals">Distinct expected intervals holding a valid sample.</param>
/// <param name="ExpectedIntervals">Intervals of the day at the nominal interval.</param>
/// <param name="Estimated">True when part of the day was filled.</param>
/// <param name="Method">Gap-fill method when <paramref name="Estimated"/>.</param>
/// <param name="Events">Incomplete or implausible samples, gap fills.</param>
public sealed record CemsDay(
    string DeviceId, DateOnly Day, double Tco2, double EstimatedTco2, int GoodIntervals, int ExpectedIntervals,
    bool Estimated, GapFillMethod? Method, IReadOnlyList<EstimationEvent> Events);
