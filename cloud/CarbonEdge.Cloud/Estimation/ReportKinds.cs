using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// The energy kinds a monthly energy report may name (DESIGN.md formula 3) and the unit each one's quantities must
/// convert to: the base of its GB/T 2589 Annex A standard-coal coefficient in the factor library (kgce/kg -> kg,
/// kgce/m3 -> m3, ...), and kWh for <c>electricity</c> (E_lastMonth).
/// </summary>
internal sealed class ReportKinds
{
    private readonly Dictionary<string, string> _baseUnits;

    /// <param name="factors">The library whose standard-coal coefficients name the kinds.</param>
    /// <param name="extra">Further kinds with the one unit they take (e.g. <c>verified_co2</c> in tCO2).</param>
    public ReportKinds(FactorLibrary factors, params (string Kind, string Unit)[] extra)
    {
        _baseUnits = factors.Latest.Where(f => f.Kind == FactorKind.StandardCoalCoefficient)
            .ToDictionary(f => f.Subject, f => f.Unit[(f.Unit.IndexOf('/') + 1)..], StringComparer.Ordinal);
        _baseUnits[MonthlyEnergyReport.Electricity] = "kWh";
        foreach (var (kind, unit) in extra) _baseUnits[kind] = unit;
    }

    /// <summary>Why <paramref name="kind"/> cannot be reported, or null when it can.</summary>
    public string? KindProblem(string kind) => _baseUnits.ContainsKey(kind)
        ? null
        : $"unknown energy kind '{kind}' (known: {string.Join(", ", _baseUnits.Keys.Order(StringComparer.Ordinal))})";

    /// <summary>Why <paramref name="unit"/> does not fit a known <paramref name="kind"/>, or null when it does.</summary>
    public string? UnitProblem(string kind, string unit)
    {
        var baseUnit = _baseUnits[kind];
        return unit == baseUnit || Units.Converts(unit, baseUnit)
            ? null
            : $"'{unit}' does not fit {kind} (its quantities convert to {baseUnit}; units: {string.Join(", ", Units.ReportUnits)})";
    }
}
