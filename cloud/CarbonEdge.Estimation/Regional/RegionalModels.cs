namespace CarbonEdge.Estimation.Regional;

/// <summary>
/// The region models of T/CES carbon statistics §5 as pure arithmetic on standard coal (tce) and electricity (kWh).
/// Every model ends the same way (§5.2 "× 能源折标煤系数 × 标煤碳排放因子"): tCO2 = tce × EF_tce [tCO2/tce], see
/// <see cref="Tco2"/>. The readings chosen where the text is ambiguous are in docs/regional-accounting.md.
/// </summary>
public static class RegionalModels
{
    /// <summary>
    /// Whole-industry energy of one kind from the above-scale part, §5.14 (2):
    /// <c>F_all = (value added of the industry / value added above scale) × F_above</c>.
    /// </summary>
    /// <param name="aboveScale">Above-scale consumption of the kind (energy table + conversion table + recycling table, §5.14 (1)), any unit.</param>
    /// <param name="valueAdded">The industry's value added, 10^4 yuan.</param>
    /// <param name="valueAddedAboveScale">Its above-scale value added, 10^4 yuan, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value added is not positive, or the whole is less than the above-scale part.</exception>
    public static double ScaleByValueAdded(double aboveScale, double valueAdded, double valueAddedAboveScale)
    {
        if (!(valueAddedAboveScale > 0) || !(valueAdded >= valueAddedAboveScale))
        {
            throw new ArgumentOutOfRangeException(nameof(valueAdded), $"value added {valueAdded} must be at least the above-scale {valueAddedAboveScale} > 0");
        }
        return valueAdded / valueAddedAboveScale * aboveScale;
    }

    /// <summary>
    /// A shorter period's value as the longer one's share by electricity, §5.9 (1), §5.10 (1), §5.11 (1), §5.17 (1),
    /// §5.18 (1), §5.19 (1): <c>X_child = X_parent × E_child / E_parent</c> (E in kWh; X in tce or any energy unit).
    /// The children of a parent sum back to it exactly when their E sum to E_parent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parentKwh"/> is not positive.</exception>
    public static double ShareByElectricity(double parent, double childKwh, double parentKwh) =>
        parentKwh > 0 ? parent * childKwh / parentKwh
            : throw new ArgumentOutOfRangeException(nameof(parentKwh), $"the enclosing period's electricity {parentKwh} kWh must be positive to share by");

    /// <summary>
    /// The day's energy from last month's energy per kWh, §5.13 (energy domain, daily) and §5.15 (1) (industry, daily):
    /// <c>F_d = E_d × F_lastMonth / E_lastMonth</c>. §5.15 prints the ratio inverted (E_lastMonth / F_lastMonth, which
    /// gives kWh²/t); §5.13 divides the whole bracket by last month's electricity. Both are read as energy per kWh.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastMonthKwh"/> is not positive.</exception>
    public static double LastMonthRatio(double lastMonth, double lastMonthKwh, double dayKwh) =>
        lastMonthKwh > 0 ? dayKwh * lastMonth / lastMonthKwh
            : throw new ArgumentOutOfRangeException(nameof(lastMonthKwh), $"last month's electricity {lastMonthKwh} kWh must be positive");

    /// <summary>
    /// Annual energy of an other domain from activity data, §5.16 (1): floor area [m2] × energy per m2, value added
    /// [10^4 yuan] × energy per 10^4 yuan, transport volume [t km] × energy per t km, population × energy per person.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite input.</exception>
    public static double ActivityEnergy(double activity, double intensity) =>
        activity >= 0 && intensity >= 0 && double.IsFinite(activity * intensity) ? activity * intensity
            : throw new ArgumentOutOfRangeException(nameof(activity), $"activity {activity} and intensity {intensity} must be finite and non-negative");

    /// <summary>tCO2 = tce × EF_tce [tCO2/tce] (§5.2, and every other model's last step).</summary>
    public static double Tco2(double tce, double tceCo2Factor) => tce * tceCo2Factor;
}
