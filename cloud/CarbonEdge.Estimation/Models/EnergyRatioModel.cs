using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Estimation.Models;

/// <summary>
/// Electricity-to-energy ratio, the county-level industrial daily model (DESIGN.md formula 3): for each energy kind k
/// the enterprise reported last month, <c>F_k,d = E_d x F_k,lastMonth / E_lastMonth</c>, and
/// <c>tCO2 = Sum_k F_k,d x c_k [tce/unit] x EF_tce [tCO2/tce]</c>, with c_k the GB/T 2589 Annex A standard-coal
/// coefficients and EF_tce the standard-coal CO2 factor. Scope 1: electricity itself is the driver E and its
/// emissions belong to the grid model, so the <c>electricity</c> line is not converted.
/// </summary>
public static class EnergyRatioModel
{
    /// <summary>The day's emissions scaled from last month's energy mix.</summary>
    /// <param name="electricity">The enterprise's electricity for the day (E_d).</param>
    /// <param name="lastMonth">The enterprise's report for the month before the day (<see cref="Period.PreviousMonth"/>).</param>
    /// <param name="factors">Library for c_k and EF_tce.</param>
    /// <param name="tceCo2">EF_tce [tCO2/tce] to use (e.g. a <see cref="Factor.Override"/> from <c>--tce-factor</c>); null looks it up in <paramref name="factors"/>.</param>
    /// <exception cref="EstimationInputException">The report has no positive electricity line, is not for the previous month, or names an energy kind with no coefficient or a unit that does not fit.</exception>
    public static EnterpriseDay Estimate(EnterpriseElectricity electricity, MonthlyEnergyReport lastMonth, FactorLibrary factors,
        FactorMatch? tceCo2 = null)
    {
        var enterprise = electricity.Enterprise;
        var day = electricity.Day;
        if (!lastMonth.Month.Equals(Period.MonthOf(day).PreviousMonth))
        {
            throw new EstimationInputException($"{enterprise.Id}: report for {lastMonth.Month} is not the month before {day:yyyy-MM-dd}");
        }
        var eLastMwh = lastMonth.Lines.Where(l => l.EnergyKind == MonthlyEnergyReport.Electricity)
            .Sum(l => Convert(() => Units.ToMwh(l.Quantity, l.Unit), enterprise, lastMonth));
        if (eLastMwh <= 0)
        {
            throw new EstimationInputException($"{enterprise.Id}: report {lastMonth.Month} has no positive electricity line (E_lastMonth, MWh)");
        }
        var eDayMwh = electricity.Kwh / 1000;
        tceCo2 ??= factors.Find(FactorKind.StandardCoalCo2, "standard_coal", null, enterprise.Region, day)
            ?? throw new EstimationInputException("no standard-coal CO2 factor (tCO2/tce) in the library; give one (--tce-factor)");
        var efTce = tceCo2.Factor;
        if (efTce.Unit != "tCO2/tce")
        {
            throw new EstimationInputException($"{efTce.VersionId}: unit {efTce.Unit} is not tCO2/tce");
        }

        var used = new List<FactorMatch> { tceCo2 };
        double tce = 0;
        foreach (var line in lastMonth.Lines.Where(l => l.EnergyKind != MonthlyEnergyReport.Electricity))
        {
            var coefficient = factors.Find(FactorKind.StandardCoalCoefficient, line.EnergyKind, null, enterprise.Region, day)
                ?? throw new EstimationInputException($"{enterprise.Id}: no GB/T 2589 standard-coal coefficient for energy kind '{line.EnergyKind}'");
            used.Add(coefficient);
            var fkd = eDayMwh * line.Quantity / eLastMwh;                     // F_k,d in the report's unit
            tce += Convert(() => Units.ToTce(fkd, line.Unit, coefficient.Factor), enterprise, lastMonth);
        }

        var events = new List<EstimationEvent>(electricity.Events);
        var distinct = used.DistinctBy(m => m.Factor.VersionId).ToList();
        events.AddRange(distinct.SelectMany(m => m.CaveatEvents()));
        return new EnterpriseDay(enterprise, day, EstimationModel.EnergyRatio, "1", electricity.Kwh, tce * efTce.Value,
            electricity.Completeness, electricity.Estimated, electricity.GapFill, [.. distinct.Select(m => m.Factor.VersionId)], events);
    }

    private static double Convert(Func<double> conversion, EnterpriseInfo enterprise, MonthlyEnergyReport report)
    {
        try
        {
            return conversion();
        }
        catch (ArgumentException ex)
        {
            throw new EstimationInputException($"{enterprise.Id}: report {report.Month}: {ex.Message}");
        }
    }
}
