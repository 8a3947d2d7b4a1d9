using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Estimation.Regional;

/// <summary>What a regional run is asked for.</summary>
/// <param name="Level">The level whose rows are the run's output (the levels below are computed for the roll-up checks).</param>
/// <param name="From">First local day.</param>
/// <param name="To">Last local day, inclusive; every month, quarter and year overlapping [From, To] is computed whole.</param>
/// <param name="TceOverride">EF_tce [tCO2/tce] for every period instead of the library's latest (<c>--tce-factor</c>), or null.</param>
/// <param name="MaxInterpolationDays">Longest run of missing days of an electricity series that is interpolated (§7.2.3); longer gaps stay missing.</param>
public sealed record RegionalRequest(RegionLevel Level, DateOnly From, DateOnly To, Factors.Factor? TceOverride = null, int MaxInterpolationDays = 7);

/// <summary>The key of one series: a region's domain, whole (<see cref="Industry"/> empty) or one GB/T 4754 industry.</summary>
public readonly record struct SeriesKey(RegionCode Region, RegionalDomain Domain, string Industry)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Region} {WireName.Of(Domain)}{(Industry.Length > 0 ? " " + Industry : "")}";
}

/// <summary>One region result: a row of the <c>estimate-region</c> CSV and a <c>carbon_region</c> point.</summary>
/// <param name="Key">Region, domain, industry.</param>
/// <param name="Period">Day, month, quarter or year.</param>
/// <param name="Tco2">Emissions, tCO2.</param>
/// <param name="Tce">Standard coal, tce.</param>
/// <param name="Kwh">The series' electricity over the period, kWh; null when none is known.</param>
/// <param name="Method">How the value was made: <see cref="RegionalMethods"/>, with <c>+interpolated_linear</c> when electricity was interpolated.</param>
/// <param name="Completeness">Share of the expected children with a value: days of a month, months of a quarter, quarters of a year, child regions of a sum; 1 for a day.</param>
/// <param name="Consistent">True when every roll-up check of the row passed (§6.4.1 (1)–(2), §6.4.2 (1)–(2)).</param>
/// <param name="FactorVersions">The factor versions used (GB/T 2589 coefficients, EF_tce).</param>
/// <param name="Inputs">The inputs the value came from, one short phrase each (statistics lines, electricity, enclosing value).</param>
public sealed record RegionalResult(SeriesKey Key, Period Period, double Tco2, double Tce, double? Kwh, string Method, double Completeness,
    bool Consistent, IReadOnlyList<string> FactorVersions, IReadOnlyList<string> Inputs)
{
    /// <summary>Province, city or county.</summary>
    public RegionLevel Level => Key.Region.Level;
}

/// <summary>The <c>method</c> values of <see cref="RegionalResult"/>.</summary>
public static class RegionalMethods
{
    /// <summary>From the period's own statistics (§5.2, §5.3, §5.5, §5.6, §5.8, §5.12, §5.14, §5.16).</summary>
    public const string Statistics = "statistics";

    /// <summary>The sum of the statistics of the period's months or quarters (§6.4.1 (2)).</summary>
    public const string SumOfPeriods = "sum_of_periods";

    /// <summary>The enclosing period's value shared by electricity (§5.9–5.11, §5.17–5.19; days of a month with statistics, all domains).</summary>
    public const string ElectricityShare = "electricity_share";

    /// <summary>The day's electricity × last month's energy per kWh (§5.13 energy, §5.15 industry), for a month without statistics yet.</summary>
    public const string LastMonthRatio = "last_month_ratio";

    /// <summary>The sum of the child regions (§6.2.1), for a region without statistics of its own.</summary>
    public const string SumOfRegions = "sum_of_regions";

    /// <summary>Suffix when part of the electricity was interpolated (§7.2.3).</summary>
    public const string InterpolatedSuffix = "+interpolated_linear";
}

/// <summary>One consistency check of a run (§6.3, §6.4).</summary>
/// <param name="Kind"><c>time_rollup</c>, <c>space_rollup</c> or <c>fluctuation</c>.</param>
/// <param name="Key">The parent's series.</param>
/// <param name="Period">The parent's period.</param>
/// <param name="Value">The parent's tCO2 (roll-ups) or tce (fluctuation).</param>
/// <param name="Reference">The sum of the children's tCO2 (roll-ups) or the same period a year earlier in tce (fluctuation, from statistics).</param>
/// <param name="Completeness">Share of the expected children present (roll-ups); 1 for fluctuation.</param>
/// <param name="Passed">Within 0.5 % and at most 1 % missing (roll-ups), within 5 % (fluctuation).</param>
public sealed record RegionalCheck(string Kind, SeriesKey Key, Period Period, double Value, double Reference, double Completeness, bool Passed)
{
    /// <summary>|Value − Reference| / |Reference| (0 when both are 0).</summary>
    public double Difference => Value == Reference ? 0 : Math.Abs(Value - Reference) / Math.Max(Math.Abs(Reference), double.Epsilon);
}

/// <summary>An anomalous day of a series (§7.3.3), by <see cref="AnomalyDetector"/>.</summary>
/// <param name="Key">The series.</param>
/// <param name="Day">The day.</param>
/// <param name="Tco2">The day's tCO2.</param>
/// <param name="Median">The median of its window.</param>
/// <param name="Score">The modified z-score.</param>
public sealed record RegionalAnomaly(SeriesKey Key, DateOnly Day, double Tco2, double Median, double Score);

/// <summary>An electricity series with interpolated days (§7.2.3).</summary>
/// <param name="Key">The series.</param>
/// <param name="Days">The interpolated days.</param>
/// <param name="ErrorEstimate">Leave-one-out mean relative error of the same interpolation on the series' measured days (null with too few).</param>
public sealed record RegionalInterpolation(SeriesKey Key, IReadOnlyList<DateOnly> Days, double? ErrorEstimate);
