namespace CarbonEdge.Estimation.Account;

/// <summary>
/// The three carbon-efficiency values of an enterprise (or an industry) over a period
/// (T/ZJSEE energy-power monitoring guide §6.3.1.3 e: 单位增加值碳排放、单位增加值能耗、单位能源碳排放).
/// Each is null when its denominator is missing or not positive; <see cref="Reason"/> then says why.
/// </summary>
/// <param name="Tco2">Emissions over the period, tCO2.</param>
/// <param name="Tce">Energy over the period, tce.</param>
/// <param name="ValueAdded">Value added over the period, 10^4 CNY, or null when any month of it is missing.</param>
/// <param name="Tco2PerValueAdded">tCO2 per 10^4 CNY of value added (L of §6.4.2.3 b).</param>
/// <param name="TcePerValueAdded">tce per 10^4 CNY of value added.</param>
/// <param name="Tco2PerTce">tCO2 per tce.</param>
/// <param name="Reason">Why a value is not available, or null when all are.</param>
public sealed record EfficiencyValues(double Tco2, double Tce, double? ValueAdded, double? Tco2PerValueAdded, double? TcePerValueAdded,
    double? Tco2PerTce, string? Reason)
{
    /// <summary>
    /// Divides <paramref name="tco2"/> and <paramref name="tce"/> by <paramref name="valueAdded"/> (and tCO2 by tce).
    /// A missing or non-positive value added gives no per-value-added values, never a division by zero.
    /// </summary>
    /// <param name="tco2">Emissions, tCO2 (>= 0).</param>
    /// <param name="tce">Energy, tce (>= 0).</param>
    /// <param name="valueAdded">Value added, 10^4 CNY, or null when not reported.</param>
    /// <param name="missingReason">Why value added is null (e.g. which months lack it); used as <see cref="Reason"/>.</param>
    public static EfficiencyValues Compute(double tco2, double tce, double? valueAdded, string? missingReason = null)
    {
        string? reason = null;
        double? perVa = null, tcePerVa = null;
        if (valueAdded is not { } va)
            reason = missingReason ?? "value added not reported";
        else if (!double.IsFinite(va) || va <= 0)
            reason = $"value added {va} (10^4 CNY) is not positive";
        else
        {
            perVa = tco2 / va;
            tcePerVa = tce / va;
        }
        double? perTce = tce > 0 ? tco2 / tce : null;
        if (perTce is null) reason = reason is null ? "no energy use (tce = 0)" : reason + "; no energy use (tce = 0)";
        return new EfficiencyValues(tco2, tce, valueAdded, perVa, tcePerVa, perTce, reason);
    }
}
