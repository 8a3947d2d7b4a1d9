using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Estimation.Regional;

/// <summary>
/// One line of the statistics file (<c>region,period,domain,industry,energy_kind,quantity,unit</c>): a region's
/// consumption of one energy kind in one year, quarter or month and domain, or an activity figure
/// (<see cref="StatisticsKinds.ValueAdded"/>, <see cref="StatisticsKinds.ValueAddedAboveScale"/>).
/// </summary>
/// <param name="Region">GB/T 2260 code of the province, city or county.</param>
/// <param name="Period">Year, quarter or month.</param>
/// <param name="Domain">The accounting domain.</param>
/// <param name="Industry">GB/T 4754 code, or empty for the whole domain.</param>
/// <param name="EnergyKind">A subject of the factor library's standard-coal coefficients (<c>raw_coal</c>, <c>natural_gas</c>, <c>electricity</c>, ...) or an activity kind.</param>
/// <param name="Quantity">Non-negative, in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>t</c>, <c>kg</c>, <c>m3</c>, <c>10^4 m3</c>, <c>kWh</c>, <c>MWh</c>, <c>GJ</c> (<c>10^4 yuan</c> for value added).</param>
public sealed record StatisticsRecord(RegionCode Region, Period Period, RegionalDomain Domain, string Industry, string EnergyKind, double Quantity, string Unit);

/// <summary>One line of the electricity file (<c>region,domain,industry,day,kwh</c>), or a metered enterprise's day summed by its tags.</summary>
/// <param name="Region">GB/T 2260 code.</param>
/// <param name="Domain">The accounting domain.</param>
/// <param name="Industry">GB/T 4754 code, or empty for the whole domain.</param>
/// <param name="Day">Local day.</param>
/// <param name="Kwh">Electricity consumed (supplied, for the energy domain) on the day, kWh, non-negative.</param>
public sealed record ElectricityRecord(RegionCode Region, RegionalDomain Domain, string Industry, DateOnly Day, double Kwh);

/// <summary>The activity kinds a statistics line may carry besides energy kinds.</summary>
public static class StatisticsKinds
{
    /// <summary>Industrial value added of the whole industry (规模以上 and below), 10^4 yuan (§5.14 (2)).</summary>
    public const string ValueAdded = "value_added";

    /// <summary>Industrial value added of the above-scale enterprises (规模以上), 10^4 yuan (§5.14 (2)).</summary>
    public const string ValueAddedAboveScale = "value_added_above_scale";

    /// <summary>The unit of value added.</summary>
    public const string ValueAddedUnit = "10^4 yuan";

    /// <summary>The units an energy quantity may be given in (the file contract).</summary>
    public static IReadOnlyList<string> EnergyUnits { get; } = ["t", "kg", "m3", "10^4 m3", "kWh", "MWh", "GJ"];

    /// <summary>True for <see cref="ValueAdded"/> and <see cref="ValueAddedAboveScale"/>.</summary>
    public static bool IsActivity(string kind) => kind is ValueAdded or ValueAddedAboveScale;
}
