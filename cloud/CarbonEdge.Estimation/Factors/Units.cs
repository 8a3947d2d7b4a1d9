using System.Collections.Frozen;

namespace CarbonEdge.Estimation.Factors;

/// <summary>
/// Unit conversions of quantities and factor values. 1 kgCO2/kWh = 1 tCO2/MWh; 1 tce = 1000 kgce;
/// report units of energy-by-kind statistics: t, kg, 10^4 m3, m3, MWh, kWh, 10^4 kWh, GJ, MJ.
/// </summary>
public static class Units
{
    /// <summary>Report unit -> (base unit of the standard-coal coefficients, multiplier).</summary>
    private static readonly FrozenDictionary<string, (string Base, double Multiplier)> ToBaseUnit =
        new Dictionary<string, (string, double)>(StringComparer.Ordinal)
        {
            ["t"] = ("kg", 1000), ["kg"] = ("kg", 1),
            ["10^4 m3"] = ("m3", 10_000), ["m3"] = ("m3", 1),
            ["MWh"] = ("kWh", 1000), ["kWh"] = ("kWh", 1), ["10^4 kWh"] = ("kWh", 10_000),
            ["GJ"] = ("MJ", 1000), ["MJ"] = ("MJ", 1),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The report units understood, e.g. for error messages.</summary>
    public static IEnumerable<string> ReportUnits => ToBaseUnit.Keys;

    /// <summary>An electricity emission factor (grid or enterprise) in tCO2/MWh.</summary>
    /// <exception cref="ArgumentException">Unit is neither tCO2/MWh nor kgCO2/kWh.</exception>
    public static double TonnesCo2PerMwh(Factor factor) => factor.Unit switch
    {
        "tCO2/MWh" or "kgCO2/kWh" => factor.Value,
        _ => throw new ArgumentException($"{factor.VersionId}: unit {factor.Unit} is not an electricity emission factor (tCO2/MWh, kgCO2/kWh)"),
    };

    /// <summary>An electricity quantity in MWh.</summary>
    /// <exception cref="ArgumentException">Not an energy unit (MWh, kWh, 10^4 kWh).</exception>
    public static double ToMwh(double quantity, string unit) => ToBase(quantity, unit, "kWh") / 1000;

    /// <summary>True when quantities in <paramref name="unit"/> convert to <paramref name="baseUnit"/> (e.g. t to kg).</summary>
    public static bool Converts(string unit, string baseUnit) => ToBaseUnit.TryGetValue(unit, out var u) && u.Base == baseUnit;

    /// <summary>A quantity in the base unit a standard-coal coefficient is per (kg, m3, kWh or MJ).</summary>
    /// <exception cref="ArgumentException">Unknown unit, or one of another dimension than <paramref name="baseUnit"/>.</exception>
    public static double ToBase(double quantity, string unit, string baseUnit) =>
        Converts(unit, baseUnit)
            ? quantity * ToBaseUnit[unit].Multiplier
            : throw new ArgumentException($"unit '{unit}' cannot be converted to {baseUnit} (known: {string.Join(", ", ToBaseUnit.Keys)})");

    /// <summary>Tonnes of standard coal equivalent of a quantity: quantity x coefficient [kgce per base unit] / 1000.</summary>
    /// <exception cref="ArgumentException">The quantity's unit does not fit the coefficient's (e.g. t against kgce/m3).</exception>
    public static double ToTce(double quantity, string unit, Factor coefficient)
    {
        var slash = coefficient.Unit.IndexOf('/');
        if (coefficient.Kind != FactorKind.StandardCoalCoefficient || slash < 0 || !coefficient.Unit.StartsWith("kgce/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{coefficient.VersionId} is not a standard-coal coefficient in kgce per unit");
        }
        return ToBase(quantity, unit, coefficient.Unit[(slash + 1)..]) * coefficient.Value / 1000;
    }
}
