using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Estimation.Regional;

/// <summary>Standard coal of a set of statistics lines, and the coefficient versions used.</summary>
/// <param name="Tce">Tonnes of standard coal equivalent.</param>
/// <param name="FactorVersions">The GB/T 2589 coefficient versions used.</param>
public sealed record CoalEquivalent(double Tce, IReadOnlyList<string> FactorVersions);

/// <summary>
/// Converts statistics lines to standard coal with the GB/T 2589 coefficients of the factor library (§5.1 能源折标煤系数).
/// Which lines count depends on the domain (T/CES carbon statistics §5.2, §5.5, §5.8): the energy domain converts
/// its fossil fuels and <c>electricity</c> (read as electricity brought in from outside, 外调入电量, at the
/// electricity coefficient); the end-use domains convert their fossil fuels only — the emissions of the electricity
/// and heat they use are the energy domain's, and counting them twice would make the domains not add up to the region.
/// <c>heat</c> is a secondary energy in every domain (its fuel is in the energy domain) and is not converted.
/// </summary>
public static class StandardCoal
{
    /// <summary>The energy kind of electricity lines.</summary>
    public const string Electricity = "electricity";

    /// <summary>The energy kind of heat lines.</summary>
    public const string Heat = "heat";

    /// <summary>True when a line of <paramref name="kind"/> in <paramref name="domain"/> counts towards the domain's emissions.</summary>
    public static bool Counts(RegionalDomain domain, string kind) =>
        !StatisticsKinds.IsActivity(kind) && kind != Heat && (kind != Electricity || domain == RegionalDomain.Energy);

    /// <summary>tce of one quantity.</summary>
    /// <exception cref="ArgumentException">No coefficient for the kind, or a unit that does not fit it; the message names which.</exception>
    public static double ToTce(FactorLibrary factors, string region, DateOnly day, string kind, double quantity, string unit, out string version)
    {
        var coefficient = factors.Find(FactorKind.StandardCoalCoefficient, kind, null, region, day)
            ?? throw new ArgumentException($"no GB/T 2589 standard-coal coefficient for energy kind '{kind}'");
        version = coefficient.Factor.VersionId;
        return Units.ToTce(quantity, unit, coefficient.Factor);
    }
}
