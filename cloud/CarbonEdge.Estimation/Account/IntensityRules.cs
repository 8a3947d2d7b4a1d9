using System.Globalization;

namespace CarbonEdge.Estimation.Account;

/// <summary>The intensity checks of one enterprise and period, and why any was not made.</summary>
/// <param name="Checks">One check per watched quantity (tCO2, and tce when it has a target).</param>
/// <param name="NotChecked">Why the intensity could not be checked (e.g. value added not reported); empty when checked.</param>
public sealed record IntensityOutcome(IReadOnlyList<WarningCheck> Checks, IReadOnlyList<string> NotChecked);

/// <summary>
/// Intensity warnings (T/ZJSEE energy-power monitoring guide §6.3.1.5 e): an enterprise's tCO2 (and tce) per 10^4 CNY
/// value added over a month or a year, above its target. The checks go through <see cref="WarningLedger"/> like the
/// budget rules, so each is raised once per period, cleared when it no longer holds and raised again next period.
/// </summary>
public static class IntensityRules
{
    /// <summary>The rule name: <c>enterprise:ent-1:tco2:2026-11:intensity_above_target</c>.</summary>
    public const string Rule = "intensity_above_target";

    /// <summary>
    /// Checks the intensity of <paramref name="enterprise"/> over <paramref name="period"/> against <paramref name="target"/>.
    /// Missing or non-positive value added gives no check, only the reason (never a division by zero).
    /// </summary>
    /// <param name="enterprise">Enterprise id.</param>
    /// <param name="period">The month or year the warning is about.</param>
    /// <param name="tco2">Emissions of the period to date, tCO2.</param>
    /// <param name="tce">Energy of the period to date, tce.</param>
    /// <param name="valueAdded">Value added of the months covered, 10^4 CNY, or null when a month lacks it.</param>
    /// <param name="missingReason">Why <paramref name="valueAdded"/> is null (e.g. <c>value added not reported for 2026-11</c>).</param>
    /// <param name="target">The target intensities.</param>
    public static IntensityOutcome Check(string enterprise, Period period, double tco2, double tce, double? valueAdded, string? missingReason,
        IntensityTarget target)
    {
        var values = EfficiencyValues.Compute(tco2, tce, valueAdded, missingReason);
        if (values.Tco2PerValueAdded is not { } perVa || values.TcePerValueAdded is not { } tcePerVa)
            return new IntensityOutcome([], [$"{enterprise} {period}: intensity not checked: {values.Reason}"]);
        var checks = new List<WarningCheck> { CheckOf(enterprise, period, BudgetQuantity.Tco2, perVa, target.Tco2PerValueAdded) };
        if (target.TcePerValueAdded is { } tceTarget) checks.Add(CheckOf(enterprise, period, BudgetQuantity.Tce, tcePerVa, tceTarget));
        return new IntensityOutcome(checks, []);
    }

    /// <summary>The problem with a target, or null.</summary>
    public static string? Problem(IntensityTarget target) =>
        !(double.IsFinite(target.Tco2PerValueAdded) && target.Tco2PerValueAdded > 0) ? "tco2PerValueAdded must be > 0"
        : target.TcePerValueAdded is { } t && !(double.IsFinite(t) && t > 0) ? "tcePerValueAdded must be > 0"
        : null;

    private static WarningCheck CheckOf(string enterprise, Period period, BudgetQuantity quantity, double intensity, double target)
    {
        string unit = WireName.Of(quantity);
        var key = new WarningKey(WarningSubject.Enterprise, enterprise, quantity, period, Rule);
        return new WarningCheck(key, intensity > target, intensity, target, string.Create(CultureInfo.InvariantCulture,
            $"{enterprise} {period}: {intensity:0.####} {unit} per 10^4 CNY value added, target {target:0.####}"));
    }
}
